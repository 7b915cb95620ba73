'use strict';
// 守望 · core: DOM building, the API client (session cookie + CSRF header), routing, formatting.
// Everything from the server goes into the page as text (textContent), never parsed as HTML.
window.SW = (() => {
  const $ = (id) => document.getElementById(id);
  const state = { me: null, routes: [], page: null };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (v === true) node.setAttribute(k, '');
      else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v);
    });
    children.flat(Infinity).forEach((c) => {
      if (c === null || c === undefined || c === false) return;
      node.append(c instanceof Node ? c : String(c));
    });
    return node;
  }

  class ApiError extends Error {
    constructor(status, body) {
      super(body.error || `请求失败（${status}）`);
      this.status = status;
      this.body = body;
    }
  }

  async function api(path, options = {}) {
    const method = options.method || (options.body === undefined ? 'GET' : 'POST');
    const headers = {};
    let body;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['Content-Type'] = options.contentType || 'application/octet-stream';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    if (method !== 'GET' && state.me) headers['X-CSRF-Token'] = state.me.csrfToken;
    const res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
    const json = await res.json().catch(() => ({}));
    if (res.status === 401 && !path.startsWith('/api/login')) {
      SW.signedOut('登录已过期，请重新登录');
    }
    if (!res.ok) throw new ApiError(res.status, json);
    return json;
  }

  function say(text, isError) {
    $('status').textContent = text || '';
    $('status').classList.toggle('error', Boolean(isError));
  }

  const zone = { timeZone: 'Asia/Shanghai' };
  const time = (iso) => iso ? new Date(iso).toLocaleString('zh-CN', { ...zone, month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit' }) : '';
  const date = (iso) => iso ? new Date(iso).toLocaleDateString('zh-CN', zone) : '';

  function since(iso) {
    if (!iso) return '';
    const minutes = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60000));
    if (minutes < 1) return '刚刚';
    if (minutes < 60) return `${minutes} 分钟前`;
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return `${hours} 小时 ${minutes % 60} 分钟前`;
    return `${Math.floor(hours / 24)} 天前`;
  }

  // A phone as a click-to-call link when the role may see it, as masked text otherwise.
  function phone(number, masked) {
    if (!number) return '无';
    if (masked) return el('span', { class: 'masked' }, number);
    return el('a', { href: `tel:${number.replace(/[^0-9+]/g, '')}`, class: 'tel', 'aria-label': `拨打 ${number}` }, number);
  }

  // Which paging provider reaches a contact's number (阿里云, Twilio, or what it cannot do there).
  function provider(name) {
    return name ? el('span', { class: 'provider', title: '通知服务商' }, `经${name}`) : null;
  }

  function route(pattern, render) {
    state.routes.push({ pattern, render });
  }

  async function show() {
    if (!state.me) return;
    const hash = location.hash.replace(/^#/, '') || '/';
    if (state.page && state.page.leave) state.page.leave();
    state.page = null;
    for (const r of state.routes) {
      const m = hash.match(r.pattern);
      if (m) {
        const page = $('page');
        page.replaceChildren();
        document.querySelectorAll('[data-nav]').forEach((a) =>
          a.toggleAttribute('aria-current', a.getAttribute('href') === `#${hash.split('/').slice(0, 2).join('/') || '/'}`));
        try {
          state.page = (await r.render(page, ...m.slice(1))) || null;
        } catch (e) {
          page.replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message));
        }
        return;
      }
    }
    location.hash = '#/';
  }

  function can(...roles) {
    return state.me && roles.includes(state.me.role);
  }

  // A labelled form control; `input` may be any element.
  function field(label, input, hint) {
    return el('label', { class: 'field' }, el('span', {}, label), input, hint ? el('small', {}, hint) : null);
  }

  function form(onsubmit, ...children) {
    const f = el('form', { class: 'form' }, children);
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const button = f.querySelector('button[type=submit]');
      if (button) button.disabled = true;
      try {
        await onsubmit(f);
      } catch (err) {
        say(err.message, true);
        const bad = err.body && err.body.field && f.querySelector(`[name="${err.body.field}"]`);
        if (bad) bad.focus();
      } finally {
        if (button) button.disabled = false;
      }
    });
    return f;
  }

  // replaceChildren/append that skip null, undefined and false, as el() does (optional parts of a page).
  const put = (node, ...kids) => node.replaceChildren(...kids.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  const add = (node, ...kids) => node.append(...kids.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));

  const values = (f) => Object.fromEntries([...new FormData(f).entries()].map(([k, v]) => [k, String(v).trim()])
    .filter(([, v]) => v !== ''));

  return { $, el, put, add, api, ApiError, say, time, date, since, phone, provider, route, show, can, field, form, values, state };
})();
