import { Navigate, Route, Routes } from 'react-router';
import { BACKOFFICE_AREAS } from './backoffice/areas.ts';
import { SignInScreen } from './backoffice/SignInScreen.tsx';
import { CitizenLayout } from './citizen/CitizenLayout.tsx';
import { LookupTab } from './citizen/LookupTab.tsx';
import { NotFound } from './citizen/NotFound.tsx';
import { PersonalTab } from './citizen/PersonalTab.tsx';
import { ServicesTab } from './citizen/ServicesTab.tsx';
import { SupportTab } from './citizen/SupportTab.tsx';

/** Citizen app at /, staff areas at /officer, /facility and /admin. */
export function App() {
  return (
    <Routes>
      <Route element={<CitizenLayout />}>
        {/* Look-up is the part that works without an account: open on it. */}
        <Route index element={<Navigate to="/lookup" replace />} />
        <Route path="personal" element={<PersonalTab />} />
        <Route path="services" element={<ServicesTab />} />
        <Route path="lookup" element={<LookupTab />} />
        <Route path="support" element={<SupportTab />} />
        <Route path="*" element={<NotFound />} />
      </Route>
      {BACKOFFICE_AREAS.map((area) => (
        <Route key={area} path={`${area}/*`} element={<SignInScreen area={area} />} />
      ))}
    </Routes>
  );
}
