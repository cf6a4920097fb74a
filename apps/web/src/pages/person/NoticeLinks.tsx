import { Group, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { noticeUrl } from '../../api';

/** The printable transparency notice: plain and FALC in a new tab, and as PDF files. */
export function NoticeLinks({ personId, headingOrder = 3 }: { personId: string; headingOrder?: 3 | 4 }) {
  const { t } = useTranslation();
  const newTab = <VisuallyHidden> {t('proposal.newTab')}</VisuallyHidden>;
  return (
    <section aria-labelledby="notice-links-title">
      <Title order={headingOrder} id="notice-links-title" mb="xs">
        {t('aiRights.notices')}
      </Title>
      <Group gap="lg" wrap="wrap">
        <a className="inline-link" href={noticeUrl(personId, 'plain', 'html')} target="_blank" rel="noopener noreferrer">
          {t('aiRights.noticePlain')}
          {newTab}
        </a>
        <a className="inline-link" href={noticeUrl(personId, 'falc', 'html')} target="_blank" rel="noopener noreferrer">
          {t('aiRights.noticeFalc')}
          {newTab}
        </a>
        <a className="inline-link" href={noticeUrl(personId, 'plain', 'pdf')} download="notice-ia.pdf">
          {t('aiRights.pdf')}
        </a>
        <a className="inline-link" href={noticeUrl(personId, 'falc', 'pdf')} download="notice-ia-falc.pdf">
          {t('aiRights.pdfFalc')}
        </a>
      </Group>
    </section>
  );
}
