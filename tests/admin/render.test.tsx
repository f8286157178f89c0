/** The test helper itself: plugin texts, plugin permissions, msw answering the admin fetch client. */
import { useIntl } from 'react-intl';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { http, HttpResponse, pluginMessages, pluginPermissions, render, screen, server } from './render';

const Probe = () => {
  const { formatMessage } = useIntl();
  const { allowedActions, isLoading } = useRBAC([{ action: 'plugin::client-portal.invitations.resend' }]);
  const { get } = useFetchClient();
  const [answer, setAnswer] = useState('');
  useEffect(() => {
    get<{ data: string }>('/client-portal/ping').then(({ data }) => setAnswer(data.data));
  }, [get]);
  return (
    <>
      <p>{formatMessage({ id: 'client-portal.panel.invite', defaultMessage: 'not translated' })}</p>
      <p>{isLoading ? 'checking' : allowedActions.canResend ? 'may resend' : 'may not resend'}</p>
      <p>{answer}</p>
    </>
  );
};

describe('tests/admin/render', () => {
  beforeEach(() => server.use(http.get('/client-portal/ping', () => HttpResponse.json({ data: 'pong' }))));

  it('renders with the plugin texts, the granted actions and the mocked API', async () => {
    render(<Probe />, { permissions: ['invitations.resend'] });
    expect(screen.getByText('Send portal invite')).toBeInTheDocument();
    expect(await screen.findByText('may resend')).toBeInTheDocument();
    expect(await screen.findByText('pong')).toBeInTheDocument();
  });

  it('grants nothing of the plugin that the test does not name', async () => {
    render(<Probe />, { permissions: ['invitations.create'] });
    expect(await screen.findByText('may not resend')).toBeInTheDocument();
  });

  it('reads the texts from translations/en and refuses unknown actions', () => {
    expect(pluginMessages()['client-portal.plugin.name']).toBe('Client Portal');
    expect(pluginPermissions(['read'])[0]).toMatchObject({ action: 'plugin::client-portal.read', subject: null, conditions: [] });
    expect(() => pluginPermissions(['invitations.creat'])).toThrow(/no client-portal admin action/);
  });
});
