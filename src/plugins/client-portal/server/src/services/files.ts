import fs from 'fs';
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { getConfig, getService } from '../utils';
import { fieldError } from '../errors';
import { UPLOAD_RULES, type StoredType, type UploadKind } from '../files/kinds';
import { sniff } from '../files/sniff';
import { stripImageMetadata } from '../files/clean';
import { linkKey, principalOf, signLink, verifyLink, type Principal } from '../files/links';
import type { ReadResult } from '../files/local-store';

/** A stored file row of the upload plugin (or the parts of it this service reads). */
export interface FileRow {
  id: number;
  name: string;
  hash: string;
  ext: string | null;
  mime: string;
  size: number;
  sizeInBytes?: number | null;
  url: string;
  width?: number | null;
  height?: number | null;
  alternativeText?: string | null;
  formats?: Record<string, any> | null;
  provider?: string;
  createdAt?: string | Date;
}

/** An upload accepted by its bytes, ready to be stored; `discard()` removes the cleaned copy. */
interface AcceptedUpload {
  filepath: string;
  type: StoredType;
  size: number;
  discard(): Promise<void>;
}

/** The one file of a multipart request, as koa-body / formidable hand it over. */
export interface IncomingFile {
  filepath: string;
  size: number;
}

/**
 * Client files: uploads judged by their bytes and stripped of metadata, stored privately through the upload plugin,
 * shown through short-lived signed links bound to the caller, and served only after checking that caller's access
 * again at fetch time (a client who lost the property, the folder or the account gets 404).
 */
const filesService = ({ strapi }: { strapi: Core.Strapi }) => {
  let key: Buffer | null = null;
  const signingKey = () => {
    if (key) return key;
    const keys = strapi.config.get('server.app.keys') as string[] | undefined;
    if (!keys?.length) throw new Error('APP_KEYS is not set');
    key = linkKey(keys[0]);
    return key;
  };
  const routeBase = () => {
    const server = ((strapi.config.get('server.url') as string) || '').replace(/\/+$/, '');
    const prefix = (strapi.config.get('api.rest.prefix') as string) || '/api';
    return `${server}${prefix}/client-portal/files/`;
  };
  const fileQuery = () => strapi.db.query(UID.file as any);
  /** Unix seconds of the portal clock (real time, moved by tests). */
  const nowSeconds = () => Math.floor(getService(strapi, 'clock').now().getTime() / 1000);

  /** The file row behind a stored hash: the file itself, or the file one of whose formats has this hash. */
  const findByHash = async (hash: string): Promise<{ file: FileRow; variant: string | null } | null> => {
    const direct = (await fileQuery().findOne({ where: { hash } })) as FileRow | null;
    if (direct) return { file: direct, variant: null };
    // Formats are stored as `<format>_<file hash>`; a format name may itself contain "_".
    for (let at = hash.indexOf('_'); at > 0; at = hash.indexOf('_', at + 1)) {
      const format = hash.slice(0, at);
      const parent = (await fileQuery().findOne({ where: { hash: hash.slice(at + 1) } })) as FileRow | null;
      if (parent?.formats?.[format]?.hash === hash) return { file: parent, variant: format };
    }
    return null;
  };

  /** May this portal account see this file today? Its avatar, or a file of a property, viewing or document it may see. */
  const accountMaySee = async (accountId: number, file: FileRow): Promise<boolean> => {
    const account = await strapi.db.query(UID.user).findOne({
      where: { id: accountId },
      select: ['id', 'portalStatus', 'blocked'],
      populate: { avatar: { select: ['id'] } },
    });
    if (!account || account.blocked || account.portalStatus !== 'active') return false;
    if (!(await getService(strapi, 'settings').get()).portalEnabled) return false;
    if (account.avatar?.id === file.id) return true;

    const owners = ((await fileQuery().findOne({ where: { id: file.id }, select: ['id'], populate: { related: true } })) as any)?.related ?? [];
    if (owners.length === 0) return false;
    const context = await getService(strapi, 'access').context(accountId).catch(() => null);
    if (!context) return false;
    const dealOn = (propertyId: number | undefined) => context.deals.find((deal) => deal.property.id === propertyId && deal.permissions.viewProperties);

    for (const owner of owners) {
      if (owner.__type === UID.property) {
        if (dealOn(owner.id)) return true;
      } else if (owner.__type === UID.viewing) {
        const viewing = await strapi.db.query(UID.viewing).findOne({
          where: { id: owner.id },
          select: ['id'],
          populate: { contact: { select: ['id'] }, property: { select: ['id'] }, photos: { select: ['id'] }, voiceNotes: { select: ['id'] } },
        });
        const deal = viewing?.contact?.id === context.contactId ? dealOn(viewing?.property?.id) : undefined;
        if (!deal) continue;
        if (viewing.photos?.some((photo: any) => photo.id === file.id) && deal.permissions.uploadPhotos) return true;
        if (viewing.voiceNotes?.some((note: any) => note.id === file.id) && deal.permissions.recordVoiceNotes) return true;
      } else if (owner.__type === UID.formResponse) {
        // A file the client gave with a form's answers: theirs to see while they are in the portal.
        const response = await strapi.db.query(UID.formResponse).findOne({ where: { id: owner.id }, select: ['id'], populate: { contact: { select: ['id'] } } });
        if (response?.contact?.id === context.contactId) return true;
      } else if (owner.__type === UID.document) {
        const doc = await strapi.db.query(UID.document).findOne({ where: { id: owner.id }, select: ['id', 'folder', 'visibleToClients'], populate: { property: { select: ['id'] } } });
        const deal = doc?.visibleToClients ? dealOn(doc.property?.id) : undefined;
        if (deal?.permissions.viewDocuments && !deal.deniedFolders.includes(doc.folder) && !deal.deniedDocumentIds.includes(doc.id)) return true;
      }
    }
    return false;
  };

  /** The stored type of an upload judged by its size and bytes, or what is wrong with it. */
  const judge = async (incoming: IncomingFile, kind: UploadKind): Promise<{ type: StoredType } | { error: string }> => {
    const rules = UPLOAD_RULES[kind];
    if (incoming.size > rules.maxBytes) return { error: `must be at most ${rules.size}` };
    const detected = await sniff(incoming.filepath);
    const type = detected ? rules.types[detected.mime] : undefined;
    return type ? { type } : { error: `must be ${rules.expected}` };
  };

  /** The sniffed, allowed type of an upload; pictures re-encoded without metadata into a copy next to it. */
  const accept = async (incoming: IncomingFile, kind: UploadKind, field = 'file'): Promise<AcceptedUpload> => {
    const rules = UPLOAD_RULES[kind];
    const judged = await judge(incoming, kind);
    if ('error' in judged) throw fieldError(field, judged.error);
    const { type } = judged;
    if (!type.image) return { filepath: incoming.filepath, type, size: incoming.size, discard: async () => undefined };

    const cleaned = `${incoming.filepath}-${crypto.randomBytes(6).toString('hex')}${type.ext}`;
    const discard = async () => {
      await fs.promises.rm(cleaned, { force: true });
    };
    try {
      const size = await stripImageMetadata(incoming.filepath, cleaned, type);
      if (size > rules.maxBytes) throw fieldError(field, `must be at most ${rules.size}`);
      return { filepath: cleaned, type, size, discard };
    } catch (error) {
      await discard();
      if ((error as { name?: string })?.name === 'ValidationError') throw error;
      throw fieldError(field, `could not be read as ${rules.expected}`);
    }
  };

  const service = {
    /** What is wrong with an upload (size, or bytes not of an allowed type), or null: nothing is stored. */
    async check(incoming: IncomingFile, kind: UploadKind): Promise<string | null> {
      const judged = await judge(incoming, kind);
      return 'error' in judged ? judged.error : null;
    },

    /** A signed link to a stored file (or one of its formats) for `principal`, by default the current caller. */
    link(object: { hash: string }, principal: Principal = principalOf(strapi.requestContext.get())) {
      const expires = nowSeconds() + getConfig(strapi).fileLinkTtlSeconds;
      return `${routeBase()}${signLink(signingKey(), { hash: object.hash, principal, expires })}`;
    },

    /** `{ id, name, mime, size (bytes), url }` with a signed url, plus dimensions and formats for images. */
    present(file: FileRow | null | undefined, principal: Principal) {
      if (!file) return null;
      const image = file.width ? { width: file.width, height: file.height ?? null, alternativeText: file.alternativeText ?? null } : {};
      const formats = file.formats
        ? Object.fromEntries(
            Object.entries(file.formats).map(([name, format]: [string, any]) => [
              name,
              { url: service.link(format, principal), mime: format.mime, width: format.width ?? null, height: format.height ?? null },
            ]),
          )
        : null;
      return {
        id: file.id,
        name: file.name,
        mime: file.mime,
        size: file.sizeInBytes ?? Math.round(Number(file.size) * 1000),
        url: service.link(file, principal),
        ...image,
        ...(formats && Object.keys(formats).length ? { formats } : {}),
        createdAt: file.createdAt ?? null,
      };
    },

    /**
     * Judges an uploaded file by its bytes and stores it: the sniffed type must be allowed for `kind` (else a 400
     * naming `file`); pictures are re-encoded without EXIF / GPS metadata; the stored name and extension come from
     * the detected type, never from the client's filename. Nothing is left in the temporary directory.
     */
    async save(incoming: IncomingFile, kind: UploadKind, fileInfo: { alternativeText?: string } = {}, field = 'file'): Promise<FileRow> {
      const accepted = await accept(incoming, kind, field);
      const name = `${UPLOAD_RULES[kind].baseName}${accepted.type.ext}`;
      try {
        const [uploaded] = await strapi.plugin('upload').service('upload').upload({
          data: { fileInfo: { ...fileInfo, name } },
          files: { filepath: accepted.filepath, originalFilename: name, mimetype: accepted.type.mime, size: accepted.size },
        });
        return uploaded as FileRow;
      } finally {
        await accepted.discard();
      }
    },

    /** Removes a stored file (and its formats) through the upload plugin. */
    async remove(file: FileRow | null | undefined) {
      if (file) await strapi.plugin('upload').service('upload').remove(file);
    },

    /** The file (or format) a link points to, when its signature and expiry hold. */
    async resolve(token: unknown) {
      const claims = verifyLink(signingKey(), token, nowSeconds());
      if (!claims) return null;
      const found = await findByHash(claims.hash);
      return found ? { ...found, claims } : null;
    },

    /** Whether the link's principal may still see the file now (checked on every fetch). */
    async authorize(principal: Principal, file: FileRow): Promise<boolean> {
      if (principal === 'public') return true;
      const [type, raw] = principal.split(':');
      const id = Number(raw);
      if (type === 'account') return accountMaySee(id, file);
      if (type === 'admin') {
        const agent = await strapi.db.query(UID.adminUser).findOne({ where: { id }, select: ['id', 'isActive', 'blocked'] });
        return !!agent?.isActive && !agent.blocked;
      }
      if (type === 'token') {
        const token = await strapi.db.query(UID.apiToken as any).findOne({ where: { id }, select: ['id', 'expiresAt'] });
        return !!token && (!token.expiresAt || new Date(token.expiresAt) > new Date());
      }
      return false;
    },

    /** The bytes of a file or one of its formats (or the range a `Range` header asks for), through the upload provider. */
    async read(object: FileRow | Record<string, any>, rangeHeader?: string | null): Promise<ReadResult> {
      const provider = strapi.plugin('upload').provider as any;
      if (typeof provider.read !== 'function') throw new Error('The upload provider cannot read files: use strapi-provider-upload-client-portal');
      return provider.read(object, rangeHeader ?? null);
    },
  };
  return service;
};

export default filesService;
export type FilesService = ReturnType<typeof filesService>;

declare module '../utils' { interface PortalServices { files: FilesService } }
