import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { fileInput, parse } from '../validation/common';
import { updateMeSchema } from '../validation/me';

/** The portal user's own profile (/api/client-portal/me). */
const portalMeController = ({ strapi }: { strapi: Core.Strapi }) => {
  const profile = () => getService(strapi, 'profile');
  return {
    async find(ctx: any) {
      ctx.body = { data: await profile().me(ctx.state.user.id) };
    },

    async update(ctx: any) {
      const input = parse(updateMeSchema, ctx.request.body);
      ctx.body = { data: await profile().update(ctx.state.user.id, input) };
    },

    /** multipart `file`: a JPEG, PNG, WebP or GIF picture (judged by its bytes), at most 5 MB. */
    async setAvatar(ctx: any) {
      ctx.body = { data: await profile().setAvatar(ctx.state.user.id, fileInput(ctx)) };
    },

    async deleteAvatar(ctx: any) {
      ctx.body = { data: await profile().deleteAvatar(ctx.state.user.id) };
    },
  };
};

export default portalMeController;
