import { Box, Container, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { Preferences } from './Preferences';
import { MAIN_ID, SkipLink } from './SkipLink';

/** Layout of the pages shown before sign-in. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <Container size="lg" py="xs">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <div>
              <Text className="brand" component="p" m={0}>
                {t('app.name')}
              </Text>
              <Text>{t('app.tagline')}</Text>
            </div>
            <Preferences />
          </Group>
        </Container>
      </header>
      <Box component="main" id={MAIN_ID} tabIndex={-1}>
        <Container size="xs" py="xl">
          <Outlet />
        </Container>
      </Box>
    </>
  );
}
