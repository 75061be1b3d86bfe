// Light or dark: the theme setting ('system' follows the OS through prefers-color-scheme) applied
// as `data-theme` and `color-scheme` on <html>. The settings screen calls chooseTheme() so a change
// shows at once; the last choice is remembered in localStorage so a start does not flash light.
import { useEffect } from 'react';
import { THEME_CHOICES, type ThemeChoice } from '../../../shared/settings-rules';
import { bridge } from '../bridge';
import './theme.css';

const STORAGE_KEY = 'oneshot-theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

const isThemeChoice = (value: unknown): value is ThemeChoice =>
  typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);

let current: ThemeChoice = remembered();

function remembered(): ThemeChoice {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isThemeChoice(value) ? value : 'system';
  } catch {
    return 'system'; // storage refused (a locked-down profile): follow the OS until settings answer
  }
}

function apply(): void {
  const dark = current === 'dark' || (current === 'system' && window.matchMedia(DARK_QUERY).matches);
  const root = document.documentElement;
  root.dataset.theme = dark ? 'dark' : 'light';
  root.style.colorScheme = dark ? 'dark' : 'light';
}

/** Applies a choice at once (the screen saves it through the bridge itself). */
export function chooseTheme(choice: ThemeChoice): void {
  current = choice;
  try {
    window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not remembered across starts; the saved setting still is.
  }
  apply();
}

/** Called once by App: reads the saved setting, then follows the OS while the choice is 'system'. */
export function useTheme(): void {
  useEffect(() => {
    let live = true;
    void bridge.call('settings.get', {}).then((r) => {
      if (live && r.ok && isThemeChoice(r.value.settings.theme) && r.value.settings.theme !== current)
        chooseTheme(r.value.settings.theme);
    });
    const media = window.matchMedia(DARK_QUERY);
    const onSystemChange = (): void => apply();
    media.addEventListener('change', onSystemChange);
    return () => {
      live = false;
      media.removeEventListener('change', onSystemChange);
    };
  }, []);
}

apply();
