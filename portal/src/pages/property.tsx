import { useState } from 'preact/hooks';
import type { Feedback, Property } from '../api/types';
import { Field, LoadError, Loading, Notice, Page, formValues, useAction, useLoad } from '../components/ui';
import { href, usePortal } from '../portal';
import { REJECTION_REASONS, photoUrl, preferredDates } from '../logic/properties';
import { FavouriteButton } from './properties';

/** The photos one at a time, with previous / next buttons (signed links, loaded as they are shown). */
const Gallery = ({ property }: { property: Property }) => {
  const { t } = usePortal();
  const [index, setIndex] = useState(0);
  const count = property.photos?.length ?? 0;
  if (!count) return <div class="photo-missing large">{t('properties.noPhoto')}</div>;
  const photo = property.photos![index];
  const label = t('property.photo', { index: index + 1, count });
  return (
    <figure class="gallery" aria-roledescription="carousel" aria-label={label}>
      <img src={photoUrl(property, 'large', index) ?? photo.url} alt={photo.alternativeText || label} />
      {count > 1 && (
        <div class="gallery-controls">
          <button type="button" class="secondary" onClick={() => setIndex((index + count - 1) % count)}>
            {t('property.previous')}
          </button>
          <span aria-live="polite">{label}</span>
          <button type="button" class="secondary" onClick={() => setIndex((index + 1) % count)}>
            {t('property.next')}
          </button>
        </div>
      )}
    </figure>
  );
};

/** Interested or not (with reasons), 1–5 stars and the favourite: each change is saved at once. */
const FeedbackForm = ({ property, onChange }: { property: Property; onChange: (feedback: Feedback) => void }) => {
  const { client, t } = usePortal();
  const action = useAction();
  const [saved, setSaved] = useState(false);
  // The choice shows at once; the server's answer replaces it (or the error puts the saved one back).
  const [pending, setPending] = useState<Partial<Feedback>>({});
  const feedback = { ...(property.feedback ?? { interest: null, rejectionReasons: null, rating: null, favourite: false }), ...pending };
  const known = new Set(REJECTION_REASONS.map((reason) => reason.value));
  const save = (change: Partial<Feedback>) =>
    void action.run(async () => {
      setSaved(false);
      setPending(change);
      try {
        onChange(await client.giveFeedback(property.documentId, change));
        setSaved(true);
      } finally {
        setPending({});
      }
    });
  const saveReasons = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const reasons = data.getAll('reason').filter((value): value is string => typeof value === 'string');
    const other = String(data.get('otherReason') ?? '').trim();
    save({ interest: 'not_interested', rejectionReasons: other ? [...reasons, other] : reasons });
  };
  const otherReason = (feedback.rejectionReasons ?? []).find((reason) => !known.has(reason)) ?? '';
  return (
    <section class="card" aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t('property.feedback')}</h2>
      <fieldset>
        <legend>{t('property.interest')}</legend>
        {(['interested', 'not_interested'] as const).map((interest) => (
          <label key={interest} class="chip">
            <input type="radio" name="interest" checked={feedback.interest === interest} disabled={action.busy} onChange={() => save({ interest })} />
            {t(interest === 'interested' ? 'property.interested' : 'property.notInterested')}
          </label>
        ))}
      </fieldset>
      {feedback.interest === 'not_interested' && (
        <form onSubmit={saveReasons} class="reasons">
          <fieldset>
            <legend>{t('property.reasons')}</legend>
            {REJECTION_REASONS.map((reason) => (
              <label key={reason.value} class="check">
                <input type="checkbox" name="reason" value={reason.value} defaultChecked={feedback.rejectionReasons?.includes(reason.value)} /> {t(reason.label)}
              </label>
            ))}
          </fieldset>
          <Field id="otherReason" label={t('property.reasonOther')} maxLength={200} value={otherReason} error={action.fields.rejectionReasons} />
          <button type="submit" disabled={action.busy}>
            {t('property.saveReasons')}
          </button>
        </form>
      )}
      <fieldset class="stars">
        <legend>{t('property.rating')}</legend>
        {[1, 2, 3, 4, 5].map((count) => (
          <label key={count} class="star">
            <input type="radio" name="rating" value={count} checked={feedback.rating === count} disabled={action.busy} onChange={() => save({ rating: count })} />
            <span aria-hidden="true">{feedback.rating != null && count <= feedback.rating ? '★' : '☆'}</span>
            <span class="visually-hidden">{t('property.star', { count })}</span>
          </label>
        ))}
        {feedback.rating != null && (
          <button type="button" class="link" onClick={() => save({ rating: null })}>
            {t('property.clearRating')}
          </button>
        )}
      </fieldset>
      <FavouriteButton property={property} onChange={onChange} />
      <Notice kind="error">{action.error}</Notice>
      <Notice kind="success">{saved ? t('property.saved') : null}</Notice>
    </section>
  );
};

/** Up to three preferred dates and a message; the agent confirms one. */
const ViewingRequest = ({ property }: { property: Property }) => {
  const { client, t } = usePortal();
  const action = useAction();
  const [sent, setSent] = useState(false);
  const submit = (event: Event) => {
    const values = formValues(event);
    const form = event.currentTarget as HTMLFormElement;
    void action.run(async () => {
      await client.requestViewing({ property: property.documentId, preferredDates: preferredDates([values.date1, values.date2, values.date3]), ...(values.message.trim() ? { message: values.message.trim() } : {}) });
      setSent(true);
      form.reset();
    });
  };
  return (
    <section class="card" aria-labelledby="viewing-title">
      <h2 id="viewing-title">{t('property.requestViewing')}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('property.dates')}</legend>
          {[1, 2, 3].map((index) => (
            <Field key={index} id={`date${index}`} label={t('property.date', { index })} type="datetime-local" required={index === 1} error={action.fields[`preferredDates.${index - 1}`] ?? (index === 1 ? action.fields.preferredDates : undefined)} />
          ))}
        </fieldset>
        <Field id="message" label={t('property.message')} error={action.fields.message}>
          <textarea id="message" name="message" rows={3} maxLength={2000} />
        </Field>
        <Notice kind="error">{action.error}</Notice>
        <Notice kind="success">{sent ? t('property.requested') : null}</Notice>
        <button type="submit" disabled={action.busy}>
          {t('property.sendRequest')}
        </button>
      </form>
    </section>
  );
};

export const PropertyPage = ({ id }: { id: string }) => {
  const { client, t, fmt } = usePortal();
  const loaded = useLoad(() => client.property(id), [id]);
  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const property = loaded.data;
  const setFeedback = (feedback: Feedback) => loaded.set({ ...property, feedback });
  const facts = [
    property.price != null ? fmt.price(property.price, property.currency) : null,
    property.bedrooms != null ? t('properties.bedrooms', { count: property.bedrooms }) : null,
    property.bathrooms != null ? t('property.bathrooms', { count: property.bathrooms }) : null,
    property.livingArea != null ? t('properties.area', { area: fmt.number(property.livingArea) }) : null,
    property.energyLabel ? t('property.energy', { label: property.energyLabel }) : null,
  ].filter(Boolean);
  return (
    <Page title={property.title}>
      <p>
        <a href={href('/')}>← {t('property.back')}</a>
      </p>
      <Gallery property={property} />
      <p class="address">{[property.address, property.postalCode, property.city, property.country].filter(Boolean).join(', ')}</p>
      {property.location?.mapUrl && (
        <p>
          <a href={property.location.mapUrl} target="_blank" rel="noopener noreferrer">
            {t('property.map')}
          </a>
        </p>
      )}
      <section aria-labelledby="facts-title">
        <h2 id="facts-title">{t('property.facts')}</h2>
        <ul class="facts-list">
          {facts.map((fact) => (
            <li key={fact}>{fact}</li>
          ))}
        </ul>
        {property.role && <p class="muted">{t('property.role', { role: property.role.name })}</p>}
      </section>
      {!!property.features?.length && (
        <section aria-labelledby="features-title">
          <h2 id="features-title">{t('property.features')}</h2>
          <ul>
            {property.features.map((feature) => (
              <li key={feature}>{feature}</li>
            ))}
          </ul>
        </section>
      )}
      {property.description && (
        <section aria-labelledby="description-title">
          <h2 id="description-title">{t('property.description')}</h2>
          <p class="description">{property.description}</p>
        </section>
      )}
      {property.permissions?.giveFeedback && <FeedbackForm property={property} onChange={setFeedback} />}
      {property.permissions?.requestViewings && <ViewingRequest property={property} />}
    </Page>
  );
};
