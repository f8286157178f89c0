import nodeModule from 'module';

export interface DetectedType {
  ext: string;
  mime: string;
}

interface FileTypeModule {
  fileTypeFromFile(path: string): Promise<DetectedType | undefined>;
}

let loading: Promise<FileTypeModule> | null = null;

/**
 * `file-type` is published as ES modules only. Node ≥ 20.19 (and 22.12) loads it with require(). The require comes
 * from Node's own module loader (`process.getBuiltinModule`), so it works too where a test runner replaces the
 * `module` built-in with its own resolver. Older Nodes fall back to a real dynamic import.
 */
const fileType = (): Promise<FileTypeModule> => {
  loading ??= (async () => {
    try {
      const builtin = ((process as any).getBuiltinModule?.('node:module') ?? nodeModule) as typeof nodeModule;
      return builtin.createRequire(__filename)('file-type') as FileTypeModule;
    } catch (error) {
      if ((error as { code?: string })?.code !== 'ERR_REQUIRE_ESM') throw error;
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      return (new Function('specifier', 'return import(specifier)') as (s: string) => Promise<FileTypeModule>)('file-type');
    }
  })();
  return loading;
};

/** The type of a file from its bytes (magic numbers), or undefined when the content is not recognised. */
export const sniff = async (filepath: string): Promise<DetectedType | undefined> => (await fileType()).fileTypeFromFile(filepath);
