import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { t } from '../pluginId';

/** "viewTransactionContacts" -> "View transaction contacts" (label for flags without a translation). */
const humanize = (flag: string) => {
  const words = flag.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

interface PortalRole {
  documentId: string;
  key: string;
  name: string;
  description?: string | null;
  permissions: Record<string, boolean>;
}

export const RolesPage = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [roles, setRoles] = useState<PortalRole[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    get<{ data: PortalRole[] }>('/client-portal/roles')
      .then(({ data }) => setRoles(data.data))
      .catch(() => setFailed(true));
  }, [get]);

  if (failed) return <Page.Error />;
  if (!roles) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{formatMessage({ id: t('roles.title'), defaultMessage: 'Portal roles' })}</Page.Title>
      <Layouts.Header
        title={formatMessage({ id: t('plugin.name'), defaultMessage: 'Client Portal' })}
        subtitle={formatMessage({ id: t('roles.subtitle'), defaultMessage: 'What clients with each role may see and do in the portal' })}
      />
      <Layouts.Content>
        {roles.length === 0 ? (
          <Typography>{formatMessage({ id: t('roles.empty'), defaultMessage: 'No portal roles yet' })}</Typography>
        ) : (
          <Table colCount={3} rowCount={roles.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{formatMessage({ id: t('roles.column.name'), defaultMessage: 'Role' })}</Typography></Th>
                <Th><Typography variant="sigma">{formatMessage({ id: t('roles.column.key'), defaultMessage: 'Key' })}</Typography></Th>
                <Th><Typography variant="sigma">{formatMessage({ id: t('roles.column.permissions'), defaultMessage: 'Permissions' })}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {roles.map((role) => (
                <Tr key={role.documentId}>
                  <Td>
                    <Box>
                      <Typography fontWeight="bold">{role.name}</Typography>
                      {role.description ? <Typography variant="pi" textColor="neutral600" tag="p">{role.description}</Typography> : null}
                    </Box>
                  </Td>
                  <Td><Typography>{role.key}</Typography></Td>
                  <Td>
                    <Flex gap={1} wrap="wrap">
                      {Object.entries(role.permissions)
                        .filter(([, granted]) => granted)
                        .map(([flag]) => (
                          <Badge key={flag} textTransform="none">
                            {formatMessage({ id: t(`permission.${flag}`), defaultMessage: humanize(flag) })}
                          </Badge>
                        ))}
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
