import type { ReactNode } from 'react';
import { Button, EmptyStateLayout, Flex, Loader } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';

/**
 * The states of a list page, in order: the error (with Retry), loading, empty (its own sentence when filters are
 * set), else the list itself.
 */
export const ListStates = ({ error, loading, empty, texts, onRetry, children }: {
  error: string | null;
  loading: boolean;
  empty: boolean;
  texts: { error: string; retry: string; loading: string; empty: string };
  onRetry: () => void;
  /** The list, drawn only when there is one. */
  children: () => ReactNode;
}) => {
  if (error) {
    return (
      <EmptyStateLayout
        icon={<WarningCircle width="6rem" height="6rem" fill="danger600" />}
        content={`${texts.error}: ${error}`}
        action={<Button variant="secondary" onClick={onRetry}>{texts.retry}</Button>}
      />
    );
  }
  if (loading) {
    return (
      <Flex justifyContent="center" padding={8}>
        <Loader>{texts.loading}</Loader>
      </Flex>
    );
  }
  if (empty) return <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={texts.empty} />;
  return <>{children()}</>;
};
