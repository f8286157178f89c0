import { dropTemplate } from './database';

/** Removes the run's template database (made by the global setup). */
export default async function globalTeardown() {
  await dropTemplate();
}
