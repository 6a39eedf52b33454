// Words on screen come from the locale files (lib/i18n): the one ESLint rule that keeps them
// there. In a component, text between JSX tags, and the attributes a person reads or hears
// (aria-label, title, placeholder, alt, ...), may not be written as a literal with a letter in
// it; `{t('...')}` is how they are written. Punctuation, numbers and symbols may stay ("·", "×").

/** The attributes whose text a person reads (or a screen reader says). */
const READ = new Set(['aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);

const LETTER = /\p{L}/u;

const rule = {
  meta: {
    type: 'problem',
    docs: { description: "On-screen words come from the locale files (lib/i18n's t()), not literals in JSX" },
    schema: [],
    messages: { literal: "'{{text}}' is on screen: put it in lib/i18n/locales/en.json and write t('…')." },
  },
  create(context) {
    const report = (node, text) => context.report({ node, messageId: 'literal', data: { text: text.trim().slice(0, 40) } });
    const literalText = (node) => {
      if (!node) return undefined;
      if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
      if (node.type === 'JSXExpressionContainer') return literalText(node.expression);
      if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
      return undefined;
    };
    return {
      JSXText(node) {
        if (LETTER.test(node.value)) report(node, node.value);
      },
      // <p>{'Hello'}</p>
      JSXExpressionContainer(node) {
        if (node.parent?.type !== 'JSXElement' && node.parent?.type !== 'JSXFragment') return;
        const text = literalText(node.expression);
        if (text !== undefined && LETTER.test(text)) report(node, text);
      },
      JSXAttribute(node) {
        if (node.name.type !== 'JSXIdentifier' || !READ.has(node.name.name)) return;
        const text = literalText(node.value);
        if (text !== undefined && LETTER.test(text)) report(node, text);
      },
    };
  },
};

export default { meta: { name: 'instant-desk-words' }, rules: { 'no-literal': rule } };
