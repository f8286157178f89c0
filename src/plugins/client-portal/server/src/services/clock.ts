/**
 * The time the portal's day-based rules use (48 hours before a viewing, "on the day"). Always real time in
 * production; tests move it with `set()` to check the rules at exact instants.
 */
const clockService = () => {
  let fixed: Date | null = null;
  return {
    now: () => (fixed ? new Date(fixed) : new Date()),
    set(date: Date | string | null) {
      fixed = date ? new Date(date) : null;
    },
  };
};

export default clockService;
export type ClockService = ReturnType<typeof clockService>;

declare module '../utils' { interface PortalServices { clock: ClockService } }
