// Switches the interface language; the choice is remembered.
import { isLanguage, LANGUAGES } from '../i18n';
import { useApp, useT } from '../store/react';

export function LanguageSwitch() {
  const t = useT();
  const language = useApp((state) => state.language);
  const setLanguage = useApp((state) => state.setLanguage);
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        data-testid="lang-switch"
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
