import { AsyncLocalStorage } from 'async_hooks';

const suppressed = new AsyncLocalStorage<boolean>();

/** Runs `fn` without automatic invites (e.g. while accepting an invite creates the deal it grants). */
export const withoutAutoInvite = <T>(fn: () => Promise<T>): Promise<T> => suppressed.run(true, fn);

export const autoInviteSuppressed = () => suppressed.getStore() === true;
