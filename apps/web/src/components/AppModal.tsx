import { Modal } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface AppModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  /** False when the button that opened the dialog goes away with the decision (the page moves focus itself). */
  returnFocus?: boolean;
}

/**
 * Mantine's modal with two accessibility fixes: its header is a plain <div> (a <header> in a portal would be a second
 * page banner), and its close button has a name.
 */
export function AppModal({ opened, onClose, title, children, returnFocus = true }: AppModalProps) {
  const { t } = useTranslation();
  return (
    <Modal.Root opened={opened} onClose={onClose} centered size="md" returnFocus={returnFocus}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header component="div">
          <Modal.Title fw={700} fz="lg">
            {title}
          </Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} size="lg" />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
