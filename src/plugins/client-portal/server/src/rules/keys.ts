/**
 * The key of a contact on a property (`<contact documentId>:<property documentId>`, `*` for no property): the
 * unique deal key (`deal.pairKey`) and the pending-invitation key (`invitation.pendingKey`) alike.
 */
export const pairKey = (contactDocumentId: string, propertyDocumentId?: string | null) => `${contactDocumentId}:${propertyDocumentId ?? '*'}`;
