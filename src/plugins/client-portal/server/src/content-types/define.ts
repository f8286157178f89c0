/**
 * A content type of the plugin: a collection without drafts in the table `cp_<plural name>`, never in the
 * content-type builder, and in the content manager only when agents edit it there (`visible`).
 */
export const pluginType = <A extends Record<string, unknown>>(
  names: { singular: string; plural: string; display: string },
  description: string,
  attributes: A,
  options: { visible?: boolean; indexes?: Array<{ name: string; columns: string[] }> } = {},
) => ({
  schema: {
    kind: 'collectionType' as const,
    collectionName: `cp_${names.plural.replace(/-/g, '_')}`,
    info: { singularName: names.singular, pluralName: names.plural, displayName: names.display, description },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: options.visible ?? false }, 'content-type-builder': { visible: false } },
    attributes,
    ...(options.indexes ? { indexes: options.indexes } : {}),
  },
});
