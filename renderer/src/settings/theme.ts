// Light or dark: placeholder until the settings screen lands (follows the OS through CSS today).
export function useTheme(): void {}
