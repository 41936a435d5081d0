import {
  Button,
  Checkbox,
  createTheme,
  PasswordInput,
  Select,
  TextInput,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

// Colours are chosen for WCAG AA on white: every shade used for text or under white text (8 and 9) is ≥ 4.5:1.

/** VssID blue; shade 8 (#0a529c) is the brand colour, 7.6:1 against white. */
const vss: MantineColorsTuple = [
  '#e7f0fa',
  '#cfe0f4',
  '#9fc1e8',
  '#6ca0dc',
  '#4384d1',
  '#2a73ca',
  '#1b69c6',
  '#0f5aae',
  '#0a529c',
  '#03427f',
];

/** Green for "yes" badges; shade 8 (#1f6b35) is 6.4:1 against white. */
const forest: MantineColorsTuple = [
  '#e8f6ec',
  '#d3ebda',
  '#a6d6b4',
  '#76c18c',
  '#4fae6a',
  '#37a255',
  '#289b49',
  '#1b873b',
  '#1f6b35',
  '#0f5a26',
];

/** Red for errors; shade 8 (#b3261e) is 6.5:1 against white. */
const danger: MantineColorsTuple = [
  '#ffebe9',
  '#fbd5d2',
  '#f2aaa4',
  '#ea7c73',
  '#e3554a',
  '#df3d31',
  '#dd3124',
  '#c52419',
  '#b3261e',
  '#9a1510',
];

/** Amber for notices; shade 8 (#8a4b00) is 6.9:1 against white. */
const amber: MantineColorsTuple = [
  '#fff4e1',
  '#ffe8cc',
  '#fed09b',
  '#fdb766',
  '#fca13a',
  '#fc931d',
  '#fc8a08',
  '#e17800',
  '#8a4b00',
  '#6e3b00',
];

/** The smallest comfortable touch target on a cheap phone (WCAG 2.5.5 asks 44px; we use 48). */
export const TOUCH_TARGET = 48;

export const theme = createTheme({
  primaryColor: 'vss',
  primaryShade: 8,
  colors: { vss, forest, danger, amber },
  autoContrast: true,
  cursorType: 'pointer',
  defaultRadius: 'md',
  // Bigger type throughout: the citizen app is read by elderly people on small screens.
  fontSizes: {
    xs: '1rem',
    sm: '1.0625rem',
    md: '1.125rem',
    lg: '1.25rem',
    xl: '1.375rem',
  },
  lineHeights: { xs: '1.45', sm: '1.5', md: '1.55', lg: '1.55', xl: '1.5' },
  headings: {
    fontWeight: '700',
    sizes: {
      h1: { fontSize: '1.625rem', lineHeight: '1.3' },
      h2: { fontSize: '1.375rem', lineHeight: '1.3' },
      h3: { fontSize: '1.1875rem', lineHeight: '1.35' },
      h4: { fontSize: '1.125rem', lineHeight: '1.4' },
    },
  },
  components: {
    // A long label (Vietnamese runs long; people enlarge text) wraps onto a second line instead of being cut off.
    Button: Button.extend({
      defaultProps: { size: 'lg' },
      styles: {
        root: { height: 'auto', minHeight: 'var(--button-height)', paddingBlock: 6 },
        inner: { minHeight: 'calc(var(--button-height) - 12px)' },
        label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.25, overflow: 'visible' },
      },
    }),
    TextInput: TextInput.extend({ defaultProps: { size: 'lg' } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { size: 'lg' } }),
    Select: Select.extend({ defaultProps: { size: 'lg' } }),
    Checkbox: Checkbox.extend({ defaultProps: { size: 'md' } }),
  },
});

/** Mantine's dimmed grey (#868e96) is 3.3:1 on white: use a darker grey for secondary text. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-placeholder': '#5c636a',
    '--mantine-color-anchor': '#0a529c',
    // Mantine's red-6 (#fa5252) is 3.3:1: field errors use the danger red instead.
    '--mantine-color-error': '#b3261e',
  },
  dark: {},
});
