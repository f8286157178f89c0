/*
 * Reference client portal: plain pages over the public API (/api/client-portal/...), so it doubles as its example.
 * The session JWT lives in sessionStorage; invite tokens arrive in the URL fragment and are POSTed, never sent in a URL.
 */
(function () {
  const API = '/api/client-portal';
  const page = document.body.dataset.page;
  const $ = (selector) => document.querySelector(selector);
  const jwt = () => sessionStorage.getItem('portalJwt');
  const setJwt = (token) => (token ? sessionStorage.setItem('portalJwt', token) : sessionStorage.removeItem('portalJwt'));

  /** One API call; `body` is sent as JSON, or as it is when it is FormData (multipart, for files). */
  async function call(path, { method = 'GET', body, auth = true } = {}) {
    const headers = { Accept: 'application/json' };
    const multipart = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
    if (auth && jwt()) headers.Authorization = `Bearer ${jwt()}`;
    const res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : multipart ? body : JSON.stringify(body) });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const error = new Error((json.error && json.error.message) || `Request failed (${res.status})`);
      error.status = res.status;
      error.fields = (json.error && json.error.details && json.error.details.errors) || [];
      throw error;
    }
    return json.data;
  }

  const show = (selector, text, kind = 'error') => {
    const el = $(selector);
    el.textContent = text;
    el.className = kind;
  };
  const values = (form) => Object.fromEntries(new FormData(form).entries());
  const onSubmit = (selector, handler) => {
    const form = $(selector);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button');
      button.disabled = true;
      try {
        await handler(values(form));
      } catch (error) {
        show(`${selector} .message`, error.message);
      } finally {
        button.disabled = false;
      }
    });
  };
  const text = (value) => document.createTextNode(value == null ? '' : String(value));
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).filter(([, value]) => value !== undefined).forEach(([key, value]) => (key === 'class' ? (node.className = value) : node.setAttribute(key, value)));
    children.forEach((child) => node.appendChild(typeof child === 'string' ? text(child) : child));
    return node;
  };

  const pages = {
    async accept() {
      const token = new URLSearchParams(location.hash.slice(1)).get('token');
      history.replaceState(null, '', location.pathname);
      try {
        const invite = await call('/invitations/preview', { method: 'POST', body: { token }, auth: false });
        $('#invite').textContent = `${invite.invitedBy} invited ${invite.email} to the ${invite.portalName} portal as ${invite.role.name}` +
          (invite.property ? ` for ${invite.property.title}` : '') + '.';
        $('#expires').textContent = `This invitation expires on ${new Date(invite.expiresAt).toLocaleDateString()}.`;
        $('#accept-form').classList.remove('hidden');
      } catch (error) {
        show('#invite', `${error.message}. Ask your agent for a new invitation.`);
        return;
      }
      onSubmit('#accept-form', async ({ password }) => {
        const result = await call('/invitations/accept', { method: 'POST', body: { token, password }, auth: false });
        setJwt(result.jwt);
        location.href = '/portal/';
      });
    },

    async login() {
      onSubmit('#login-form', async ({ email, password }) => {
        const result = await call('/auth/login', { method: 'POST', body: { email, password }, auth: false });
        setJwt(result.jwt);
        if (result.mustChangePassword) {
          $('#login-form').classList.add('hidden');
          $('#change-form').classList.remove('hidden');
          $('#change-form [name=currentPassword]').value = password;
        } else location.href = '/portal/';
      });
      onSubmit('#change-form', async ({ currentPassword, password }) => {
        const result = await call('/auth/change-password', { method: 'POST', body: { currentPassword, password } });
        setJwt(result.jwt);
        location.href = '/portal/';
      });
    },

    async register() {
      const portalId = new URLSearchParams(location.search).get('portal');
      if (!portalId) {
        show('#register-form .message', 'This link has no portal id: ask your agent for the registration link.');
        return;
      }
      onSubmit('#register-form', async (data) => {
        await call('/auth/register', { method: 'POST', body: { ...data, portalId }, auth: false });
        location.href = `/portal/verify/?email=${encodeURIComponent(data.email)}`;
      });
    },

    async verify() {
      const email = new URLSearchParams(location.search).get('email');
      if (email) $('#verify-form [name=email]').value = email;
      onSubmit('#verify-form', async ({ email: address, code }) => {
        const result = await call('/auth/verify-email', { method: 'POST', body: { email: address, code }, auth: false });
        setJwt(result.jwt);
        location.href = '/portal/';
      });
      $('#resend').addEventListener('click', async () => {
        await call('/auth/resend-code', { method: 'POST', body: { email: $('#verify-form [name=email]').value }, auth: false }).catch(() => undefined);
        show('#verify-form .message', 'If the address is waiting for verification, a new code is on its way.', 'notice');
      });
    },

    async 'forgot-password'() {
      onSubmit('#forgot-form', async ({ email }) => {
        await call('/auth/forgot-password', { method: 'POST', body: { email }, auth: false });
        location.href = `/portal/reset-password/?email=${encodeURIComponent(email)}`;
      });
    },

    async 'reset-password'() {
      const email = new URLSearchParams(location.search).get('email');
      if (email) $('#reset-form [name=email]').value = email;
      onSubmit('#reset-form', async (data) => {
        await call('/auth/reset-password', { method: 'POST', body: data, auth: false });
        show('#reset-form .message', 'Your password has been changed. You can log in now.', 'notice');
      });
    },

    async home() {
      if (!jwt()) {
        location.href = '/portal/login/';
        return;
      }
      $('#logout').addEventListener('click', () => {
        setJwt(null);
        location.href = '/portal/login/';
      });
      try {
        const me = await call('/me');
        // A form the agent sent with the invitation comes first — once per form and session: coming back here
        // (the header's "Your properties") shows the properties, with a link to the form still to answer.
        if (me.nextStep && me.nextStep.type === 'form') {
          const formId = me.nextStep.form.documentId;
          const href = `/portal/form/?id=${encodeURIComponent(formId)}`;
          const seen = `cp.formShown.${formId}`;
          if (!sessionStorage.getItem(seen)) {
            sessionStorage.setItem(seen, '1');
            location.href = href;
            return;
          }
          const pending = $('#next-step');
          pending.textContent = 'Your agent is waiting for your answers: ';
          pending.appendChild(el('a', { href }, me.nextStep.form.title));
          pending.classList.remove('hidden');
        }
        $('#hello').textContent = `Welcome, ${me.firstName || me.email}`;
        const data = await call('/properties');
        const grid = $('#properties');
        grid.textContent = '';
        if (!data || data.length === 0) grid.appendChild(el('p', { class: 'muted' }, 'No properties have been shared with you yet.'));
        (data || []).forEach((property) => {
          const photo = property.photos[0];
          const card = el(
            'div',
            { class: 'card property', 'data-document-id': property.documentId },
            photo ? el('img', { src: photo.url, alt: photo.alternativeText || property.title }) : el('div'),
            el('h3', {}, property.title),
            el('div', { class: 'muted' }, [property.address, property.city].filter(Boolean).join(', ')),
            el('div', {}, property.price != null ? `${property.currency || ''} ${property.price.toLocaleString()}` : ''),
          );
          if (property.permissions.giveFeedback) {
            const favourite = el('button', { class: 'secondary favourite' }, property.feedback.favourite ? '★ Favourite' : '☆ Add to favourites');
            favourite.addEventListener('click', async () => {
              const feedback = await call(`/properties/${property.documentId}/feedback`, { method: 'PUT', body: { favourite: !property.feedback.favourite } });
              property.feedback = feedback;
              favourite.textContent = feedback.favourite ? '★ Favourite' : '☆ Add to favourites';
            });
            card.appendChild(favourite);
          }
          grid.appendChild(card);
        });
        if (me.permissions.messageAgent) {
          $('#messages-card').classList.remove('hidden');
          const render = async () => {
            const messages = await call('/messages');
            const list = $('#messages');
            list.textContent = '';
            messages.forEach((message) => list.appendChild(el('li', {}, `${message.direction === 'from_client' ? 'You' : 'Your agent'}: ${message.body}`)));
          };
          await render();
          onSubmit('#message-form', async ({ body }) => {
            await call('/messages', { method: 'POST', body: { body } });
            $('#message-form [name=body]').value = '';
            await render();
          });
        }
      } catch (error) {
        if (error.status === 401) {
          setJwt(null);
          location.href = '/portal/login/';
        } else if (error.message === 'Password change required') location.href = '/portal/login/';
        else show('#hello', error.message);
      }
    },

    /** A form from the agent: every field type, errors shown under their field, files sent as multipart. */
    async form() {
      if (!jwt()) {
        location.href = '/portal/login/';
        return;
      }
      const id = new URLSearchParams(location.search).get('id');
      let form;
      try {
        form = await call(`/forms/${encodeURIComponent(id || '')}`);
      } catch (error) {
        if (error.status === 401) location.href = '/portal/login/';
        else $('#form-title').textContent = 'This form is not available. Ask your agent to send it again.';
        return;
      }
      $('#form-title').textContent = form.title;
      $('#form-description').textContent = form.description || '';
      if (form.status === 'completed') {
        show('#form-done', `You sent your answers on ${new Date(form.completedAt).toLocaleDateString()}. Thank you!`, 'notice');
        return;
      }
      const fields = $('#fields');
      const previous = form.answers || {};
      const limits = (field) => {
        const unit = field.type === 'multiChoice' ? ' choices' : field.type === 'text' || field.type === 'longText' ? ' characters' : '';
        if (field.min != null && field.max != null) return `${field.min} to ${field.max}${unit}`;
        if (field.min != null) return `at least ${field.min}${unit}`;
        if (field.max != null) return `at most ${field.max}${unit}`;
        return '';
      };
      form.fields.forEach((field) => {
        const id = `field-${field.key}`;
        const wrap = el('div', { class: 'field', 'data-key': field.key });
        const describedBy = `${id}-help ${id}-error`;
        const base = { id, name: field.key, 'aria-describedby': describedBy };
        if (field.required) base['aria-required'] = 'true';
        const title = `${field.label}${field.required ? ' *' : ''}`;
        if (field.type === 'checkbox') {
          const box = el('input', { ...base, type: 'checkbox', class: 'inline' });
          if (previous[field.key] === true) box.checked = true;
          wrap.appendChild(el('label', { for: id, class: 'check' }, box, ` ${title}`));
        } else if (field.type === 'choice' || field.type === 'multiChoice') {
          const set = el('fieldset', { 'aria-describedby': describedBy }, el('legend', {}, title));
          (field.options || []).forEach((option, index) => {
            const optionId = `${id}-${index}`;
            const input = el('input', { id: optionId, name: field.key, value: option, type: field.type === 'choice' ? 'radio' : 'checkbox', class: 'inline' });
            const was = previous[field.key];
            if (was === option || (Array.isArray(was) && was.includes(option))) input.checked = true;
            set.appendChild(el('label', { for: optionId, class: 'check' }, input, ` ${option}`));
          });
          wrap.appendChild(set);
        } else {
          wrap.appendChild(el('label', { for: id }, title));
          let input;
          if (field.type === 'longText') input = el('textarea', { ...base, rows: '4' });
          else if (field.type === 'file') input = el('input', { ...base, type: 'file', accept: 'image/jpeg,image/png,image/webp,image/gif,application/pdf' });
          else input = el('input', { ...base, type: field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text', step: field.type === 'number' ? 'any' : undefined });
          if (field.type === 'date' && field.min) input.setAttribute('min', field.min);
          if (field.type === 'date' && field.max) input.setAttribute('max', field.max);
          if (field.type !== 'file' && previous[field.key] != null) input.value = previous[field.key];
          wrap.appendChild(input);
          if (field.type === 'file' && previous[field.key] && previous[field.key].name) wrap.appendChild(el('p', { class: 'muted' }, `Sent before: ${previous[field.key].name} (choose a file only to replace it)`));
        }
        const help = [field.help, limits(field), field.type === 'file' ? 'A picture or PDF, at most 10 MB.' : ''].filter(Boolean).join(' · ');
        wrap.appendChild(el('p', { id: `${id}-help`, class: 'muted' }, help));
        wrap.appendChild(el('p', { id: `${id}-error`, class: 'error field-error' }));
        fields.appendChild(wrap);
      });
      $('#answer-form').classList.remove('hidden');

      const formEl = $('#answer-form');
      formEl.addEventListener('submit', async (event) => {
        event.preventDefault();
        const button = formEl.querySelector('button');
        button.disabled = true;
        formEl.querySelectorAll('.field-error').forEach((node) => (node.textContent = ''));
        show('#answer-message', '');
        const answers = {};
        const body = new FormData();
        form.fields.forEach((field) => {
          const named = [...formEl.querySelectorAll(`[name="${field.key}"]`)];
          if (field.type === 'checkbox') answers[field.key] = named[0].checked;
          else if (field.type === 'choice') answers[field.key] = (named.find((node) => node.checked) || {}).value || null;
          else if (field.type === 'multiChoice') answers[field.key] = named.filter((node) => node.checked).map((node) => node.value);
          else if (field.type === 'file') {
            if (named[0].files[0]) body.append(field.key, named[0].files[0]);
          } else if (field.type === 'number') answers[field.key] = named[0].value === '' ? null : Number(named[0].value);
          else answers[field.key] = named[0].value;
        });
        body.append('answers', JSON.stringify(answers));
        try {
          await call(`/forms/${encodeURIComponent(form.documentId)}/answers`, { method: 'POST', body });
          formEl.classList.add('hidden');
          show('#form-done', 'Thank you: your answers were sent to your agent.', 'notice');
          $('#form-done').appendChild(el('p', {}, el('a', { href: '/portal/' }, 'Go to your properties')));
        } catch (error) {
          const named = (error.fields || []).filter((entry) => entry.path && entry.path[0] === 'answers');
          named.forEach((entry) => {
            const target = document.getElementById(`field-${entry.path[1]}-error`);
            if (target) target.textContent = entry.message;
          });
          const first = named.length && document.getElementById(`field-${named[0].path[1]}`);
          if (first) first.focus();
          show('#answer-message', named.length ? 'Please check the fields marked above.' : error.message);
        } finally {
          button.disabled = false;
        }
      });
    },
  };

  if (pages[page]) pages[page]();
})();
