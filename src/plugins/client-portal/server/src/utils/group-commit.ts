/**
 * Group commit: `flush` receives the items handed in together, and answers one result per item (in order). A group
 * is flushed once `ready(waiting)` says so (by default at once, so under load the items that arrive while a flush
 * runs form the next group); call `poke()` when what `ready` looks at changed. A failed flush rejects the callers of
 * that group only.
 */
export const groupCommit = <T, R>(flush: (items: T[]) => Promise<R[]>, ready: (waiting: number) => boolean = () => true) => {
  let waiting: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  let draining = false;

  const drain = async () => {
    draining = true;
    while (waiting.length > 0 && ready(waiting.length)) {
      const group = waiting;
      waiting = [];
      try {
        const results = await flush(group.map((entry) => entry.item));
        group.forEach((entry, index) => entry.resolve(results[index]));
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    draining = false;
  };

  const poke = () => {
    if (!draining && waiting.length > 0 && ready(waiting.length)) void drain();
  };

  const add = (item: T): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      poke();
    });
  return Object.assign(add, { poke });
};
