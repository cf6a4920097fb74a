import { Button, createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Colours chosen for WCAG AA contrast on white: primary shade 9 (#1864ab, 6:1 with white text; hover 8, 5:1),
 * dimmed text gray-7 instead of gray-6, error red-9 instead of red-6.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 9, dark: 9 },
  focusRing: 'auto',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Helvetica, Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Helvetica, Arial, sans-serif' },
  components: {
    // Every button at least 44 px high (2.75rem, so it grows with the large-text setting).
    Button: Button.extend({ defaultProps: { size: 'md' }, vars: () => ({ root: { '--button-height': '2.75rem' } }) }),
    Table: { defaultProps: { fz: 'md' } },
    // Sentence case is easier to read than capitals.
    Badge: { styles: { root: { textTransform: 'none' } } },
    // Required fields keep aria-required but no visual asterisk (it would leak into label text);
    // optional fields say "(facultatif)" and each form states the rule (common.requiredNote).
    TextInput: { defaultProps: { size: 'md', withAsterisk: false } },
    Textarea: { defaultProps: { size: 'md', autosize: true, minRows: 3, withAsterisk: false } },
    NativeSelect: { defaultProps: { size: 'md', withAsterisk: false } },
    Checkbox: { defaultProps: { size: 'md' } },
    Tabs: { defaultProps: { keepMounted: false } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-9)',
  },
  dark: {},
});
