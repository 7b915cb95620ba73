'use strict';
// 守望 · start-up: who is signed in, the login form, logout, routing on hash changes.
(() => {
  const { $, api, say, state, el } = SW;

  function signedIn(me) {
    state.me = me;
    $('login').hidden = true;
    $('nav').hidden = false;
    $('who').hidden = false;
    const scope = me.role === 'DISTRICT' ? '全区' : me.role === 'STREET' ? me.street
      : `${me.street} ${me.communities.join('、')}`;
    $('who-name').textContent = `${me.displayName}（${me.roleLabel} · ${scope}）`;
    document.querySelectorAll('[data-roles]').forEach((a) => { a.hidden = !a.dataset.roles.split(' ').includes(me.role); });
    SW.live.connect();
    SW.show();
  }

  SW.signedOut = (message) => {
    if (!state.me && !$('login').hidden) return;
    state.me = null;
    SW.live.stop();
    $('page').replaceChildren();
    $('nav').hidden = true;
    $('who').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    $('login-user').focus();
  };

  SW.checkSession = async () => {
    try {
      const res = await fetch('/api/session', { credentials: 'same-origin' });
      if (!res.ok) { SW.signedOut(state.me ? '登录已过期，请重新登录' : ''); return false; }
      const me = await res.json();
      if (!state.me) signedIn(me); else state.me = me;
      return true;
    } catch (e) {
      return false;
    }
  };

  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-submit').disabled = true;
    $('login-error').textContent = '';
    try {
      const me = await api('/api/login', { body: { username: $('login-user').value.trim(), password: $('login-password').value } });
      $('login-password').value = '';
      // The login click is a user gesture: the alarm sound may play from now on.
      try { SW.audio = SW.audio || new AudioContext(); } catch (err) { /* no audio */ }
      signedIn(me);
    } catch (err) {
      $('login-error').textContent = err.message;
    } finally {
      $('login-submit').disabled = false;
    }
  });

  $('logout').addEventListener('click', async () => {
    try { await api('/api/logout', { body: {} }); } catch (e) { /* signed out anyway */ }
    SW.signedOut('您已退出登录');
  });

  window.addEventListener('hashchange', () => { say(''); SW.show(); $('view').focus({ preventScroll: true }); });
  SW.checkSession().then((ok) => { if (!ok) SW.signedOut(''); });
  void el;
})();
