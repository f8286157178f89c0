import type { Schema, Struct } from '@strapi/strapi';

export interface PortalTimelineItem extends Struct.ComponentSchema {
  collectionName: 'components_portal_timeline_items';
  info: {
    description: 'An important date or task of a property, shown to clients whose role allows it';
    displayName: 'Timeline item';
    icon: 'calendar';
  };
  attributes: {
    date: Schema.Attribute.DateTime;
    done: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    kind: Schema.Attribute.Enumeration<['date', 'task']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'date'>;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
        minLength: 1;
      }>;
    visibleToClients: Schema.Attribute.Boolean &
      Schema.Attribute.DefaultTo<true>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'portal.timeline-item': PortalTimelineItem;
    }
  }
}
