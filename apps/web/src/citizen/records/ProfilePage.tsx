import { List, Stack, Text } from '@mantine/core';
import type { Profile, RecordSubject } from '@vssid/shared';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../api/records.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact, FactList } from '../../components/FactList.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { formatDate } from '../../format.ts';
import { Loading, OrNotProvided, RecordsPage } from './RecordsPage.tsx';

/** Thông tin cá nhân: identity, contact and address as the BHXH record holds them (with the pre-2025 units). */
export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <RecordsPage title={t('records.profile.title')} intro={t('records.profile.intro')}>
      {({ subject }) => <ProfileDetails subject={subject} />}
    </RecordsPage>
  );
}

function ProfileDetails({ subject }: { subject: RecordSubject }) {
  const query = useProfile(subject);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Loading />;
  return <ProfileCards profile={query.data} />;
}

function ProfileCards({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  // Old records often know only the year of birth: say so rather than invent 01/01.
  const yearOnly = profile.birthDatePrecision === 'year';
  return (
    <>
      <SectionCard title={t('records.profile.identity')} gap="sm">
        <FactList>
          <Fact label={t('records.profile.fullName')}>
            <span data-profile="fullName">{profile.fullName}</span>
          </Fact>
          <Fact label={t('records.profile.bhxhCode')}>
            <span data-profile="bhxhCode">{profile.bhxhCode}</span>
          </Fact>
          <Fact label={t(yearOnly ? 'records.profile.birthYear' : 'records.profile.birthDate')}>
            <span data-profile="birthDate">
              {yearOnly ? profile.birthDate.slice(0, 4) : formatDate(profile.birthDate)}
            </span>
          </Fact>
          <Fact label={t('records.profile.sex')}>{t(`records.profile.sexes.${profile.sex}`)}</Fact>
          <Fact label={t('records.profile.personalId')}>
            <OrNotProvided value={profile.personalId} />
          </Fact>
          {profile.oldIdNumber && <Fact label={t('records.profile.oldIdNumber')}>{profile.oldIdNumber}</Fact>}
          <Fact label={t('records.profile.householdCode')}>{profile.householdCode}</Fact>
        </FactList>
      </SectionCard>
      <SectionCard title={t('records.profile.contact')} gap="sm">
        <FactList>
          <Fact label={t('records.profile.phone')}>
            <OrNotProvided value={profile.phone} />
          </Fact>
          <Fact label={t('records.profile.email')}>
            <OrNotProvided value={profile.email} />
          </Fact>
        </FactList>
      </SectionCard>
      <SectionCard title={t('records.profile.address')} gap="sm">
        <FactList>
          <Fact label={t('records.profile.street')}>
            <OrNotProvided value={profile.address.street} />
          </Fact>
          <Fact label={t('records.profile.commune')}>{profile.address.communeName}</Fact>
          <Fact label={t('records.profile.province')}>{profile.address.provinceName}</Fact>
          {profile.formerUnits.length > 0 && (
            <Fact label={t('records.profile.formerUnits')}>
              <Stack gap={4}>
                <Text fw={400} fz="md">
                  {t('records.profile.formerUnitsHint')}
                </Text>
                <List size="md" spacing={2}>
                  {profile.formerUnits.map((unit) => (
                    <List.Item key={`${unit.communeName}-${unit.districtName}-${unit.provinceName}`}>
                      {t('records.profile.formerUnit', {
                        commune: unit.communeName,
                        district: unit.districtName,
                        province: unit.provinceName,
                      })}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            </Fact>
          )}
        </FactList>
      </SectionCard>
    </>
  );
}
