import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { ChangePasswordPage } from './auth/ChangePasswordPage.tsx';
import { ForgotPasswordPage } from './auth/ForgotPasswordPage.tsx';
import { BACKOFFICE_AREAS } from './backoffice/areas.ts';
import { AccountHome } from './citizen/account/AccountHome.tsx';
import { ChildrenPage } from './citizen/account/ChildrenPage.tsx';
import { CardPage } from './citizen/card/CardPage.tsx';
import { DevicesPage } from './citizen/account/DevicesPage.tsx';
import { CitizenLayout } from './citizen/CitizenLayout.tsx';
import { LookupTab } from './citizen/LookupTab.tsx';
import { NotFound } from './citizen/NotFound.tsx';
import { PersonalTab, ServicesSignInGuard } from './citizen/PersonalTab.tsx';
import { ReceiptCheckPage } from './citizen/ReceiptCheckPage.tsx';
import { AccessPage } from './citizen/records/AccessPage.tsx';
import { BenefitsPage } from './citizen/records/BenefitsPage.tsx';
import { MedicalPage } from './citizen/records/MedicalPage.tsx';
import { NotificationsPage } from './citizen/records/NotificationsPage.tsx';
import { ParticipationPage } from './citizen/records/ParticipationPage.tsx';
import { ProfilePage } from './citizen/records/ProfilePage.tsx';
import { RegistrationDraftProvider } from './citizen/register/draft.tsx';
import { RegisterPage } from './citizen/register/RegisterPage.tsx';
import { DossierPage } from './citizen/services/DossierPage.tsx';
import { MyDossiersPage } from './citizen/services/MyDossiersPage.tsx';
import { ServiceFormPage } from './citizen/services/ServiceFormPage.tsx';
import { ServicesTab } from './citizen/ServicesTab.tsx';
import { SupportTab } from './citizen/SupportTab.tsx';
import { useTranslation } from 'react-i18next';

// Staff screens are a separate download: a citizen's phone never loads the officer queue or the admin forms.
const BackofficeArea = lazy(() =>
  import('./backoffice/BackofficeArea.tsx').then((module) => ({ default: module.BackofficeArea })),
);

/** Citizen app at /, staff areas at /officer, /facility, /admin and /employer. */
export function App() {
  const { t } = useTranslation();
  return (
    // Above the routes: the registration form survives a trip to the code look-up and back.
    <RegistrationDraftProvider>
      <Routes>
        <Route element={<CitizenLayout />}>
          {/* Look-up is the part that works without an account: open on it. */}
          <Route index element={<Navigate to="/lookup" replace />} />
          <Route path="personal" element={<PersonalTab />}>
            <Route index element={<AccountHome />} />
            <Route path="password" element={<ChangePasswordPage backTo="/personal" />} />
            <Route path="devices" element={<DevicesPage />} />
            <Route path="children" element={<ChildrenPage />} />
            <Route path="participation" element={<ParticipationPage />} />
            <Route path="benefits" element={<BenefitsPage />} />
            <Route path="medical" element={<MedicalPage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="access" element={<AccessPage />} />
            <Route path="notifications" element={<NotificationsPage />} />
          </Route>
          {/* Outside the sign-in guard: the card opens from the phone's copy when offline. */}
          <Route path="card" element={<CardPage />} />
          <Route path="card/:personId" element={<CardPage />} />
          <Route path="register" element={<RegisterPage />} />
          <Route
            path="forgot-password"
            element={
              <ForgotPasswordPage
                loginLabel={t('personal.username')}
                loginHint={t('personal.usernameHint')}
                numericLogin
                signInTo="/personal"
              />
            }
          />
          <Route path="services">
            <Route index element={<ServicesTab />} />
            <Route element={<ServicesSignInGuard />}>
              <Route path="apply/:type" element={<ServiceFormPage />} />
              <Route path="dossiers" element={<MyDossiersPage />} />
              <Route path="dossiers/:id" element={<DossierPage />} />
            </Route>
          </Route>
          {/* The receipt's QR opens here: anyone may check it, signed in or not. */}
          <Route path="receipt" element={<ReceiptCheckPage />} />
          <Route path="lookup" element={<LookupTab />} />
          <Route path="support" element={<SupportTab />} />
          <Route path="*" element={<NotFound />} />
        </Route>
        {BACKOFFICE_AREAS.map((area) => (
          <Route
            key={area}
            path={`${area}/*`}
            element={
              <Suspense
                fallback={
                  <Center py="xl">
                    <Loader aria-label={t('common.loading')} />
                  </Center>
                }
              >
                <BackofficeArea key={area} area={area} />
              </Suspense>
            }
          />
        ))}
      </Routes>
    </RegistrationDraftProvider>
  );
}
