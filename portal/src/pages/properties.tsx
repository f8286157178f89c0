import { ApiError } from '../api/client';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Feedback, Property } from '../api/types';
import { LoadError, Loading, Notice, Page, useAction } from '../components/ui';
import { can, href, usePortal } from '../portal';
import { PROPERTY_FILTERS, filterQuery, photoUrl, shouldOpenForm, type PropertyFilter } from '../logic/properties';

/** A property's favourite toggle (a pressed button). */
export const FavouriteButton = ({ property, onChange }: { property: Property; onChange: (feedback: Feedback) => void }) => {
  const { client, t } = usePortal();
  const action = useAction();
  const favourite = !!property.feedback?.favourite;
  if (!property.permissions?.giveFeedback) return null;
  // Not `disabled` while saving: a disabled button would drop the keyboard focus.
  const toggle = () => {
    if (!action.busy) void action.run(async () => onChange(await client.giveFeedback(property.documentId, { favourite: !favourite })));
  };
  return (
    <>
      <button type="button" class="favourite secondary" aria-pressed={favourite} aria-disabled={action.busy || undefined} onClick={toggle}>
        <span aria-hidden="true">{favourite ? '★ ' : '☆ '}</span>
        {favourite ? t('property.unfavourite') : t('property.favourite')}
      </button>
      <Notice kind="error">{action.error}</Notice>
    </>
  );
};

const PropertyCard = ({ property, onFeedback }: { property: Property; onFeedback: (feedback: Feedback) => void }) => {
  const { t, fmt } = usePortal();
  const photo = photoUrl(property, 'small');
  return (
    <li class="card property">
      {photo ? <img src={photo} alt="" loading="lazy" /> : <div class="photo-missing">{t('properties.noPhoto')}</div>}
      <h2>
        <a href={href(`/properties/${property.documentId}`)}>{property.title}</a>
      </h2>
      <p class="muted">{[property.address, property.city].filter(Boolean).join(', ')}</p>
      {property.price != null && <p class="price">{fmt.price(property.price, property.currency)}</p>}
      <p class="facts">
        {[property.bedrooms != null ? t('properties.bedrooms', { count: property.bedrooms }) : null, property.livingArea != null ? t('properties.area', { area: fmt.number(property.livingArea) }) : null].filter(Boolean).join(' · ')}
      </p>
      {property.feedback?.rating ? <p class="muted">{t('properties.myRating', { rating: property.feedback.rating })}</p> : null}
      <FavouriteButton property={property} onChange={onFeedback} />
    </li>
  );
};

/** Home: the properties offered to the client, filtered (favourites, interested, not interested), a page at a time. */
export const PropertiesPage = () => {
  const { client, me, t } = usePortal();
  const { route } = useLocation();
  const [filter, setFilter] = useState<PropertyFilter>('all');
  const [list, setList] = useState<Property[] | null>(null);
  const [page, setPage] = useState({ page: 1, pageCount: 1 });
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);

  // A form the agent sent comes first, once per form and tab session; afterwards the home page links to it.
  const pending = me?.nextStep?.type === 'form' ? me.nextStep.form : null;
  useEffect(() => {
    if (pending && shouldOpenForm(window.sessionStorage, pending.documentId)) route(href(`/form?id=${encodeURIComponent(pending.documentId)}`));
  }, [pending, route]);

  useEffect(() => {
    let live = true;
    setList(null);
    setError(null);
    client.properties({ ...filterQuery(filter), page: 1, pageSize: 20 }).then(
      (result) => {
        if (!live) return;
        setList(result.data);
        setPage({ page: 1, pageCount: result.meta.pagination.pageCount });
      },
      (failure) => {
        if (!live) return;
        // A new lead whose role shows no properties yet: nothing shared, rather than an error.
        if (failure instanceof ApiError && failure.status === 403) {
          setList([]);
          setPage({ page: 1, pageCount: 1 });
        } else setError(failure);
      },
    );
    return () => {
      live = false;
    };
  }, [client, filter, round]);

  const more = async () => {
    const next = await client.properties({ ...filterQuery(filter), page: page.page + 1, pageSize: 20 });
    setList([...(list ?? []), ...next.data]);
    setPage({ page: page.page + 1, pageCount: next.meta.pagination.pageCount });
  };
  const feedbackOf = (documentId: string) => (feedback: Feedback) => {
    setList((current) => (current ?? []).map((entry) => (entry.documentId === documentId ? { ...entry, feedback } : entry)).filter((entry) => filter !== 'favourite' || entry.feedback?.favourite));
  };
  const name = me?.firstName || me?.email || '';
  return (
    <Page title={t('properties.title')}>
      <p class="muted">{t('properties.hello', { name })}</p>
      {pending && (
        <p class="notice info" id="next-step">
          {t('properties.pending')} <a href={href(`/form?id=${encodeURIComponent(pending.documentId)}`)}>{pending.title}</a>
        </p>
      )}
      {can(me, 'giveFeedback') && (
        <fieldset class="filters">
          <legend>{t('properties.filter')}</legend>
          {PROPERTY_FILTERS.map((option) => (
            <label key={option.value} class="chip">
              <input type="radio" name="filter" value={option.value} checked={filter === option.value} onChange={() => setFilter(option.value)} />
              {t(option.label)}
            </label>
          ))}
        </fieldset>
      )}
      {error ? (
        <LoadError error={error} retry={() => setRound(round + 1)} />
      ) : !list ? (
        <Loading />
      ) : list.length === 0 ? (
        <p>{filter === 'all' ? t('properties.none') : t('properties.noneFiltered')}</p>
      ) : (
        <ul class="grid" aria-label={t('properties.title')}>
          {list.map((property) => (
            <PropertyCard key={property.documentId} property={property} onFeedback={feedbackOf(property.documentId)} />
          ))}
        </ul>
      )}
      {list && page.page < page.pageCount && (
        <button type="button" class="secondary" onClick={more}>
          {t('properties.more')}
        </button>
      )}
    </Page>
  );
};
