import { Navigate, Route, Routes } from 'react-router';
import { ChangePasswordPage } from '../auth/ChangePasswordPage.tsx';
import { ForgotPasswordPage } from '../auth/ForgotPasswordPage.tsx';
import { RequireRole } from '../auth/RequireRole.tsx';
import { AdminStaffPage } from './admin/AdminStaffPage.tsx';
import type { BackofficeArea as Area } from './areas.ts';
import { BackofficeLayout } from './BackofficeLayout.tsx';
import { EmployerRegistrationsPage } from './employer/EmployerRegistrationsPage.tsx';
import { FacilityHome } from './facility/FacilityHome.tsx';
import { AccessCasesPage } from './officer/AccessCasesPage.tsx';
import { CardFlagsPage } from './officer/CardFlagsPage.tsx';
import { OfficerDossierPage } from './officer/OfficerDossierPage.tsx';
import { OfficerDossiersPage } from './officer/OfficerDossiersPage.tsx';
import { OfficerQueuePage } from './officer/OfficerQueuePage.tsx';
import { WithOfficerNav } from './officer/OfficerNav.tsx';
import { OfficerRegistrationPage } from './officer/OfficerRegistrationPage.tsx';
import { RevokeCardPage } from './officer/RevokeCardPage.tsx';
import { SignInScreen } from './SignInScreen.tsx';
import { useTranslation } from 'react-i18next';

function AreaHome({ area }: { area: Area }) {
  switch (area) {
    case 'officer':
      return <OfficerQueuePage />;
    case 'facility':
      return <FacilityHome />;
    case 'admin':
      return <AdminStaffPage />;
    case 'employer':
      return <EmployerRegistrationsPage />;
  }
}

/** One staff area: its forgot-password page is open to anyone, everything else needs an account of the area's role. */
export function BackofficeArea({ area }: { area: Area }) {
  const { t } = useTranslation();
  const home = `/${area}`;
  const guarded = (element: React.ReactNode) => (
    <RequireRole role={area} signIn={(notice) => <SignInScreen area={area} notice={notice} />}>
      {area === 'officer' ? <WithOfficerNav>{element}</WithOfficerNav> : element}
    </RequireRole>
  );
  return (
    <BackofficeLayout area={area}>
      <Routes>
        <Route
          path="forgot-password"
          element={<ForgotPasswordPage loginLabel={t('backoffice.username')} signInTo={home} />}
        />
        <Route index element={guarded(<AreaHome area={area} />)} />
        <Route path="password" element={guarded(<ChangePasswordPage backTo={home} />)} />
        {area === 'officer' && (
          <Route path="registrations/:id" element={guarded(<OfficerRegistrationPage />)} />
        )}
        {area === 'officer' && <Route path="dossiers" element={guarded(<OfficerDossiersPage />)} />}
        {area === 'officer' && <Route path="dossiers/:id" element={guarded(<OfficerDossierPage />)} />}
        {area === 'officer' && <Route path="card-flags" element={guarded(<CardFlagsPage />)} />}
        {area === 'officer' && <Route path="access-cases" element={guarded(<AccessCasesPage />)} />}
        {area === 'officer' && <Route path="card-revocations" element={guarded(<RevokeCardPage />)} />}
        <Route path="*" element={<Navigate to={home} replace />} />
      </Routes>
    </BackofficeLayout>
  );
}
