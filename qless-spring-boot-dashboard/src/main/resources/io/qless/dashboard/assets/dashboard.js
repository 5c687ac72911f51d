// qless dashboard: confirmations and live refresh. Pages work without this file: forms post
// as they are (destructive ones then go through a confirmation page) and a reload shows changes.
(function () {
  'use strict';

  // Destructive forms: ask here, and tell the server the question was answered.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute('data-confirm');
    if (!question) {
      return;
    }
    if (!window.confirm(question)) {
      event.preventDefault();
      return;
    }
    if (!form.querySelector('input[name="confirm"]')) {
      var confirmed = document.createElement('input');
      confirmed.type = 'hidden';
      confirmed.name = 'confirm';
      confirmed.value = 'yes';
      form.appendChild(confirmed);
    }
  });

  var body = document.body;
  var eventsUrl = body.getAttribute('data-events');
  if (!eventsUrl || !window.fetch || !window.DOMParser) {
    return;
  }
  var refreshMillis = parseInt(body.getAttribute('data-refresh'), 10) || 30000;
  var status = document.getElementById('live-status');
  var pollFirst = Math.max(2000, Math.min(5000, refreshMillis));
  var pollMax = Math.max(60000, refreshMillis);
  var pollDelay = pollFirst;
  var timer = null;
  var loading = false;
  var again = false;
  var lastRefresh = 0;
  var mode = 'off';

  function say(text, state) {
    if (status) {
      status.textContent = text;
      status.setAttribute('data-state', state);
    }
  }

  // Replace every [data-live] region by the fresh one with the same id, unless the user is
  // typing in it. Returns whether anything changed.
  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, 'text/html');
    var changed = false;
    document.querySelectorAll('[data-live][id]').forEach(function (region) {
      var next = fresh.getElementById(region.id);
      if (!next || region.contains(document.activeElement)) {
        return;
      }
      if (next.innerHTML !== region.innerHTML) {
        region.innerHTML = next.innerHTML;
        changed = true;
      }
    });
    return changed;
  }

  function refresh() {
    if (loading) {
      again = true;
      return Promise.resolve(false);
    }
    loading = true;
    lastRefresh = Date.now();
    return fetch(window.location.href, { headers: { 'X-Qless-Live': '1' }, credentials: 'same-origin' })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          throw new Error('signed out');
        }
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        return swap(html);
      })
      .finally(function () {
        loading = false;
        if (again) {
          again = false;
          schedule(1000);
        }
      });
  }

  function schedule(delay) {
    if (timer) {
      return;
    }
    timer = window.setTimeout(function () {
      timer = null;
      refresh().catch(function () { /* the next event or poll tries again */ });
    }, delay);
  }

  // Polling: back off while nothing changes or the server does not answer.
  function poll() {
    mode = 'polling';
    refresh().then(function (changed) {
      pollDelay = changed ? pollFirst : Math.min(pollMax, pollDelay * 2);
      say('polling every ' + Math.round(pollDelay / 1000) + ' s', 'polling');
    }, function (error) {
      pollDelay = Math.min(pollMax, pollDelay * 2);
      say(error.message === 'signed out' ? 'signed out: reload' : 'offline, retrying in '
        + Math.round(pollDelay / 1000) + ' s', 'offline');
    }).finally(function () {
      window.setTimeout(poll, pollDelay);
    });
  }

  if (!window.EventSource) {
    poll();
    return;
  }
  var source = new EventSource(eventsUrl, { withCredentials: true });
  var failures = 0;
  source.addEventListener('open', function () {
    failures = 0;
    mode = 'live';
    say('live', 'live');
  });
  source.addEventListener('change', function () {
    // at most one refresh a second, however busy qless is
    schedule(Math.max(0, 1000 - (Date.now() - lastRefresh)));
  });
  source.addEventListener('error', function () {
    failures += 1;
    if (failures >= 3 && mode !== 'polling') {
      source.close();
      poll();
    }
    else if (mode === 'live') {
      say('reconnecting', 'offline');
    }
  });
  // Events cover puts, completions, failures and cancels; pops, heartbeats and lock expiry
  // publish nothing, so refresh now and then anyway.
  window.setInterval(function () {
    if (mode === 'live' && Date.now() - lastRefresh >= refreshMillis) {
      schedule(0);
    }
  }, Math.min(refreshMillis, 10000));
})();
