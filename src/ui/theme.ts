/** Light, dark or high contrast: the Office theme inside Excel, the system's outside it. */
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';

function pick(): Theme {
  if (typeof window === 'undefined' || !window.matchMedia) return webLightTheme;
  if (window.matchMedia('(forced-colors: active)').matches) return teamsHighContrastTheme;
  const office = typeof Office !== 'undefined' ? Office.context?.officeTheme : undefined;
  if (office?.bodyBackgroundColor) return isDark(office.bodyBackgroundColor) ? webDarkTheme : webLightTheme;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? webDarkTheme : webLightTheme;
}

function isDark(hex: string): boolean {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  const r = (value >> 16) & 255;
  const g = (value >> 8) & 255;
  const b = value & 255;
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

export function usePaneTheme(): Theme {
  const [theme, setTheme] = useState(pick);
  useEffect(() => {
    const queries = ['(prefers-color-scheme: dark)', '(forced-colors: active)'].map((q) => window.matchMedia?.(q)).filter(Boolean);
    const update = (): void => setTheme(pick());
    queries.forEach((q) => q?.addEventListener('change', update));
    return () => queries.forEach((q) => q?.removeEventListener('change', update));
  }, []);
  return theme;
}
