import { defaultConfig, validateConfig } from '../../src/plugins/client-portal/server/src/config';

const withChanges = (changes: Record<string, unknown>) => ({ ...defaultConfig, ...changes });

describe('client-portal config validation', () => {
  it('accepts the defaults: 7-day expiry, clients cannot invite others', () => {
    const config = validateConfig(defaultConfig);
    expect(config.invitationExpiryDays).toBe(7);
    expect(config.clientsCanInviteOthers).toBe(false);
  });

  it.each([1, 7, 30])('accepts an invitation expiry of %i days', (days) => {
    expect(validateConfig(withChanges({ invitationExpiryDays: days })).invitationExpiryDays).toBe(days);
  });

  it.each([
    [0, 'at least 1'],
    [31, 'at most 30'],
    [2.5, 'whole number'],
  ])('rejects an invitation expiry of %p days, naming the setting', (days, message) => {
    expect(() => validateConfig(withChanges({ invitationExpiryDays: days }))).toThrow(
      new RegExp(`"invitationExpiryDays".*${message}`),
    );
  });

  it('rejects a portal URL that is not an absolute http(s) URL', () => {
    expect(() => validateConfig(withChanges({ portalUrl: '/portal' }))).toThrow(/"portalUrl"/);
    expect(() => validateConfig(withChanges({ portalUrl: 'javascript:alert(1)' }))).toThrow(/"portalUrl"/);
    expect(validateConfig(withChanges({ portalUrl: 'https://clients.agency.example/portal' })).portalUrl).toBe(
      'https://clients.agency.example/portal',
    );
  });

  it('rejects unknown settings (typos) by name', () => {
    expect(() => validateConfig(withChanges({ invitationExpiryDay: 7 }))).toThrow(/invitationExpiryDay/);
  });

  it('rejects a wrong type, naming the setting', () => {
    expect(() => validateConfig(withChanges({ clientsCanInviteOthers: 'yes' }))).toThrow(/"clientsCanInviteOthers"/);
  });

  it('validates roles given in config', () => {
    const ok = validateConfig(withChanges({ roles: [{ key: 'notary', name: 'Notary', permissions: { viewDocuments: true } }] }));
    expect(ok.roles[0].key).toBe('notary');
    expect(() => validateConfig(withChanges({ roles: [{ key: 'Bad Key', name: 'x', permissions: {} }] }))).toThrow(/"roles.0.key"/);
    expect(() => validateConfig(withChanges({ roles: [{ key: 'notary', name: 'Notary', permissions: { viewDocuments: 'yes' } }] }))).toThrow(
      /"roles.0.permissions.viewDocuments"/,
    );
  });

  it('refuses a config permission flag that shadows a built-in one', () => {
    expect(() => validateConfig(withChanges({ permissionFlags: ['viewProperties'] }))).toThrow(/already a built-in/);
    expect(validateConfig(withChanges({ permissionFlags: ['signContracts'] })).permissionFlags).toEqual(['signContracts']);
  });
});
