import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';
import { useLargeText } from './largeText';

const LANGUAGE_NAMES: Record<(typeof LANGUAGES)[number], string> = { fr: 'Français', en: 'English' };

/** Language switcher and large-text toggle, shown in every header. */
export function Preferences() {
  const { t, i18n } = useTranslation();
  const [largeText, toggleLargeText] = useLargeText();
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label={t('header.preferences')}>
      <Group gap={4} role="group" aria-label={t('header.language')}>
        {LANGUAGES.map((lng) => (
          <Button
            key={lng}
            lang={lng}
            size="compact-md"
            variant={i18n.language === lng ? 'filled' : 'default'}
            aria-pressed={i18n.language === lng}
            onClick={() => void i18n.changeLanguage(lng)}
          >
            {LANGUAGE_NAMES[lng]}
          </Button>
        ))}
      </Group>
      <Button size="compact-md" variant={largeText ? 'filled' : 'default'} aria-pressed={largeText} onClick={toggleLargeText}>
        {t('header.largeText')}
      </Button>
    </Group>
  );
}
