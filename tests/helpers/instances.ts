import path from 'path';
import { fork, type ChildProcess } from 'child_process';
import { compiledDirs, testEnv, type TestApp } from './strapi';
import { TEST_ROOT } from './database';

export interface Instance {
  process: ChildProcess;
  /** The outbox worker id of this instance (claim tokens start with it). */
  workerId: string;
  stop(): Promise<void>;
}

/**
 * Starts another Strapi instance of the test app in a child process, on the same database and SMTP sink, with its own
 * outbox worker and scheduled jobs (`env` adds to the test environment).
 */
export const startInstance = (app: TestApp, env: Record<string, string> = {}): Promise<Instance> =>
  new Promise((resolve, reject) => {
    const uploads = path.join(TEST_ROOT, '.tmp', 'tests', `uploads-${app.db.id}`);
    const child = fork(path.join(__dirname, 'child-strapi.js'), [], {
      cwd: TEST_ROOT,
      env: { ...process.env, ...testEnv(app.smtp, app.db, uploads, env), CP_COMPILED_DIRS: JSON.stringify(compiledDirs()) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('exit', (code) => reject(new Error(`instance exited before it was ready (code ${code})`)));
    child.once('message', (message: any) => {
      if (!message?.ready) return;
      resolve({
        process: child,
        workerId: message.workerId,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.send('stop');
          await exited;
        },
      });
    });
  });
