import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

/**
 * GET /health (report), /health/live (liveness) and /health/ready (readiness) under /api/client-portal: no JWT, no
 * rate limit (load balancers poll them), never cached. The report carries counts only, no addresses or names.
 */
const healthController = ({ strapi }: { strapi: Core.Strapi }) => {
  const health = () => getService(strapi, 'health');
  const noStore = (ctx: any) => ctx.set('Cache-Control', 'no-store');

  return {
    async report(ctx: any) {
      const report = await health().report();
      noStore(ctx);
      ctx.status = report.status === 'down' ? 503 : 200;
      ctx.body = { data: report };
    },

    live(ctx: any) {
      noStore(ctx);
      ctx.body = { data: health().live() };
    },

    async ready(ctx: any) {
      const answer = await health().ready();
      noStore(ctx);
      ctx.status = answer.ready ? 200 : 503;
      ctx.body = { data: answer };
    },
  };
};

export default healthController;
