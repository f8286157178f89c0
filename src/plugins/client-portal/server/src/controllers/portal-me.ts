import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { fieldError } from '../utils/errors';
import { parse, updateMeSchema } from './validation';

export const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

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

    async setAvatar(ctx: any) {
      const files = ctx.request.files ?? {};
      const extra = Object.keys(files).filter((name) => name !== 'file');
      if (extra.length) throw fieldError(extra[0], 'unexpected file field (send the picture as "file")');
      const file = Array.isArray(files.file) ? files.file[0] : files.file;
      if (!file) throw fieldError('file', 'is required (multipart field "file")');
      if (Array.isArray(files.file) && files.file.length > 1) throw fieldError('file', 'send one picture');
      const type = file.mimetype ?? file.type;
      if (!AVATAR_TYPES.includes(type)) throw fieldError('file', 'must be a JPEG, PNG, WebP or GIF image');
      if (file.size > AVATAR_MAX_BYTES) throw fieldError('file', 'must be at most 5 MB');
      ctx.body = { data: await accounts().setAvatar(ctx.state.user.id, file) };
    },

    async deleteAvatar(ctx: any) {
      ctx.body = { data: await accounts().deleteAvatar(ctx.state.user.id) };
    },
  };
};

export default portalMeController;
