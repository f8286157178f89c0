/** Portal permissions as plain rules over a list of known flags (built-in, from config and from code). */
export type Permissions = Record<string, boolean>;

/** Every known flag present: unknown flags dropped, missing ones false. */
export const normalizePermissions = (flags: readonly string[], permissions: Permissions | null | undefined): Permissions =>
  Object.fromEntries(flags.map((flag) => [flag, permissions?.[flag] === true]));

/** A role's flags with per-invitee (or per-account) overrides applied over them. */
export const effectivePermissions = (flags: readonly string[], rolePermissions: Permissions | null | undefined, ...overrides: Array<Permissions | null | undefined>) =>
  normalizePermissions(flags, Object.assign({}, rolePermissions ?? {}, ...overrides.map((entry) => entry ?? {})));

/** True when `candidate` grants nothing that `reference` does not (a role "no stronger than" another). */
export const isNoStrongerThan = (flags: readonly string[], candidate: Permissions | null | undefined, reference: Permissions | null | undefined) => {
  const ref = normalizePermissions(flags, reference);
  return Object.entries(normalizePermissions(flags, candidate)).every(([flag, granted]) => !granted || ref[flag]);
};
