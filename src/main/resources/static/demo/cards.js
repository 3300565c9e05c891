// CDS Hooks 2.0 cards as an EHR shows them (CDS Hooks 2.0 § Card Attributes): indicator colour, summary, markdown
// detail, source with its link, suggestion buttons, links, and an override with the card's overrideReasons.
// DOM hooks for tests: .card[data-rule][data-indicator][data-uuid], .summary, .detail, .source a, .suggestion,
// .links a, .override-*, .feedback-status.
window.DemoCards = (function () {
  const t = key => DemoI18n.t(key);

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null) el.textContent = text;
    return el;
  }

  // Card detail is GitHub-flavoured markdown (CDS Hooks 2.0 § Card); values in it come from patient records,
  // so the HTML marked makes is sanitised before it is shown.
  function markdown(text) {
    const div = element('div', 'detail');
    div.innerHTML = DOMPurify.sanitize(marked.parse(text || ''));
    div.querySelectorAll('a').forEach(a => { a.target = '_blank'; a.rel = 'noopener noreferrer'; });
    return div;
  }

  function source(card) {
    const p = element('p', 'source');
    const src = card.source || {};
    p.append(element('span', 'source-caption', t('source') + ': '));
    if (src.url) {
      const a = element('a', null, src.label || src.url);
      a.href = src.url; a.target = '_blank'; a.rel = 'noopener noreferrer';
      p.append(a);
    } else {
      p.append(element('span', null, src.label || ''));
    }
    if (src.topic && src.topic.code) p.append(element('span', 'rule-id', src.topic.code));
    return p;
  }

  function suggestions(card, handlers) {
    const div = element('div', 'suggestions');
    (card.suggestions || []).forEach(suggestion => {
      const button = element('button', 'suggestion', suggestion.label);
      button.type = 'button';
      button.dataset.uuid = suggestion.uuid || '';
      if (suggestion.isRecommended) button.classList.add('recommended');
      button.addEventListener('click', () => handlers.accept(card, suggestion));
      div.append(button);
    });
    return div;
  }

  function links(card, handlers) {
    const ul = element('ul', 'links');
    (card.links || []).forEach(link => {
      const li = element('li');
      const a = element('a', null, link.label);
      a.href = link.url;
      a.dataset.type = link.type || 'absolute';
      if (link.type === 'smart') {
        a.addEventListener('click', event => { event.preventDefault(); handlers.launchSmart(link); });
      } else {
        a.target = '_blank'; a.rel = 'noopener noreferrer';
      }
      li.append(a);
      ul.append(li);
    });
    return ul;
  }

  function overrideForm(card, handlers) {
    const wrapper = element('div', 'override');
    const open = element('button', 'override-button', t('override'));
    open.type = 'button';
    const form = element('div', 'override-form');
    form.hidden = true;
    const select = element('select', 'override-reason');
    select.append(new Option(t('overrideNoReason'), ''));
    (card.overrideReasons || []).forEach(reason => select.append(new Option(reason.display || reason.code, reason.code)));
    const comment = element('input', 'override-comment');
    comment.placeholder = t('overrideComment');
    const send = element('button', 'override-send', t('overrideSend'));
    send.type = 'button';
    const label = element('label', null, t('overrideReason') + ' ');
    label.append(select);
    form.append(label, comment, send);
    open.addEventListener('click', () => { form.hidden = !form.hidden; });
    send.addEventListener('click', () => {
      const reason = (card.overrideReasons || []).find(r => r.code === select.value) || null;
      handlers.override(card, reason, comment.value.trim());
    });
    wrapper.append(open, form, element('p', 'feedback-status'));
    return wrapper;
  }

  function render(card, handlers) {
    const indicator = card.indicator || 'info';
    const article = element('article', 'card ' + indicator);
    article.dataset.indicator = indicator;
    article.dataset.uuid = card.uuid || '';
    article.dataset.rule = (card.source && card.source.topic && card.source.topic.code) || '';
    const head = element('header');
    head.append(element('span', 'indicator', t('indicator_' + indicator)), element('span', 'summary', card.summary));
    article.append(head, markdown(card.detail), source(card));
    if (card.suggestions && card.suggestions.length) article.append(suggestions(card, handlers));
    if (card.links && card.links.length) article.append(links(card, handlers));
    if (card.overrideReasons && card.overrideReasons.length) article.append(overrideForm(card, handlers));
    else article.append(element('p', 'feedback-status'));
    return article;
  }

  /** Shows a hook's answer in its container; data-state tells tests when it is there. */
  function show(container, cards, handlers) {
    container.replaceChildren();
    if (!cards.length) container.append(element('p', 'no-cards', t('noCards')));
    cards.forEach(card => container.append(render(card, handlers)));
    container.dataset.count = String(cards.length);
    container.dataset.state = 'ready';
  }

  function showError(container, message) {
    container.replaceChildren(element('p', 'error', message));
    container.dataset.count = '0';
    container.dataset.state = 'error';
  }

  function markFeedback(uuid, text, isError) {
    document.querySelectorAll('.card[data-uuid="' + CSS.escape(uuid) + '"] .feedback-status').forEach(p => {
      p.textContent = text;
      p.classList.toggle('error', !!isError);
    });
  }

  return { show, showError, markFeedback };
})();
