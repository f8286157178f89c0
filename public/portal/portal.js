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

  async function call(path, { method = 'GET', body, auth = true } = {}) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth && jwt()) headers.Authorization = `Bearer ${jwt()}`;
    const res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const error = new Error((json.error && json.error.message) || `Request failed (${res.status})`);
      error.status = res.status;
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
    Object.entries(attrs || {}).forEach(([key, value]) => (key === 'class' ? (node.className = value) : node.setAttribute(key, value)));
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
  };

  if (pages[page]) pages[page]();
})();
