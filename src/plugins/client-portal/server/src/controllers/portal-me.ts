import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { fileInput, parse, updateMeSchema } from './validation';

/** The portal user's own profile (/api/client-portal/me). */
const portalMeController = ({ strapi }: { strapi: Core.Strapi }) => {
  const accounts = () => getService(strapi, 'accounts');
  return {
    async find(ctx: any) {
      ctx.body = { data: await accounts().me(ctx.state.user.id) };
    },

    async update(ctx: any) {
      const input = parse(updateMeSchema, ctx.request.body);
      ctx.body = { data: await accounts().updateMe(ctx.state.user.id, input) };
    },

    /** multipart `file`: a JPEG, PNG, WebP or GIF picture (judged by its bytes), at most 5 MB. */
    async setAvatar(ctx: any) {
      ctx.body = { data: await accounts().setAvatar(ctx.state.user.id, fileInput(ctx)) };
    },

    async deleteAvatar(ctx: any) {
      ctx.body = { data: await accounts().deleteAvatar(ctx.state.user.id) };
    },
  };
};

export default portalMeController;
