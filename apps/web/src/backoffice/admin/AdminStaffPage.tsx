import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NativeSelect,
  Pagination,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { staffCreateRequest, staffPage } from '@vssid/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyBody, apiRequest, errorMessage } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { serverFieldErrors, type FieldErrors } from '../../forms/fieldErrors.ts';
import { useFocusFirstInvalid } from '../../forms/useFocusFirstInvalid.ts';
import { formatDateTime, useFormatters } from '../../format.ts';
import { useLanguage } from '../../i18n.ts';

const PAGE_SIZE = 20;
const STAFF_ROLES = ['officer', 'facility', 'employer', 'admin'] as const;
type StaffRole = (typeof STAFF_ROLES)[number];
const FIELDS = [
  'role',
  'username',
  'displayName',
  'phone',
  'agencyCode',
  'facilityCode',
  'employerUnitCode',
] as const;
type Field = (typeof FIELDS)[number];

/** The code that scopes each role: an officer to an agency, facility staff to a facility, a focal point to a unit. */
const SCOPE_FIELD: Record<StaffRole, 'agencyCode' | 'facilityCode' | 'employerUnitCode' | null> = {
  officer: 'agencyCode',
  facility: 'facilityCode',
  employer: 'employerUnitCode',
  admin: null,
};

function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** Quản trị: staff accounts — the list, and a form to create one. */
export function AdminStaffPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageTitle>{t('admin.title')}</PageTitle>
      <Text>{t('admin.intro')}</Text>
      <CreateStaffForm />
      <StaffList />
    </Stack>
  );
}

function CreateStaffForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [values, setValues] = useState({
    role: 'officer' as StaffRole,
    username: '',
    displayName: '',
    phone: '',
    scope: '',
  });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [created, setCreated] = useState<string | null>(null);
  const { ref, focusFirstInvalid } = useFocusFirstInvalid<HTMLFormElement>();
  const scopeField = SCOPE_FIELD[values.role];

  const create = useMutation({
    mutationFn: (body: Record<string, string>) =>
      apiRequest('/api/v1/admin/staff', anyBody, { method: 'POST', body }),
    onSuccess: async (_, body) => {
      setCreated(body.username ?? '');
      setValues((current) => ({ ...current, username: '', displayName: '', phone: '', scope: '' }));
      setErrors({});
      await queryClient.invalidateQueries({ queryKey: ['admin-staff'] });
    },
    onError: (error) => {
      setErrors(serverFieldErrors(error, FIELDS));
      focusFirstInvalid();
    },
  });

  const set = (key: keyof typeof values, field: Field) => (value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };
  const shownByField = Object.values(errors).some(Boolean);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Title order={2} id={titleId}>
          {t('admin.createTitle')}
        </Title>
        <div aria-live="polite">
          {created !== null && (
            <Alert color="forest" variant="light" icon={<IconCircleCheck aria-hidden="true" />}>
              <Text fw={700}>{t('admin.created', { username: created })}</Text>
            </Alert>
          )}
        </div>
        {create.isError && !shownByField && (
          <Alert role="alert" color="danger" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
            <Text fw={600}>{errorMessage(create.error)}</Text>
          </Alert>
        )}
        <form
          ref={ref}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const body: Record<string, string> = {
              role: values.role,
              username: values.username.trim(),
              displayName: values.displayName.trim(),
              phone: values.phone.trim(),
            };
            if (scopeField) body[scopeField] = values.scope.trim();
            const parsed = staffCreateRequest.safeParse(body);
            const next: FieldErrors<Field> = {};
            if (!parsed.success) {
              for (const issue of parsed.error.issues) {
                const field = FIELDS.find((name) => name === issue.path[0]);
                if (!field || next[field]) continue;
                const value = body[field] ?? '';
                next[field] =
                  value === ''
                    ? t('fields.required', { ns: 'errors' })
                    : field === 'username'
                      ? t('fields.username', { ns: 'errors' })
                      : field === 'phone'
                        ? t('fields.mobilePhone', { ns: 'errors' })
                        : t('fields.invalidValue', { ns: 'errors' });
              }
            }
            if (scopeField && values.scope.trim() === '')
              next[scopeField] = t('fields.required', { ns: 'errors' });
            setErrors(next);
            if (Object.values(next).some(Boolean)) {
              focusFirstInvalid();
              return;
            }
            setCreated(null);
            create.mutate(body);
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NativeSelect
              name="role"
              label={t('admin.role')}
              value={values.role}
              onChange={(event) => {
                const role = event.currentTarget.value;
                if (isStaffRole(role)) setValues((current) => ({ ...current, role, scope: '' }));
              }}
              data={STAFF_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              error={errors.role}
              size="lg"
            />
            <TextInput
              name="username"
              label={t('backoffice.username')}
              description={t('admin.usernameHint')}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              value={values.username}
              onChange={(event) => set('username', 'username')(event.currentTarget.value)}
              error={errors.username}
              required
            />
            <TextInput
              name="displayName"
              label={t('admin.displayName')}
              autoComplete="off"
              value={values.displayName}
              onChange={(event) => set('displayName', 'displayName')(event.currentTarget.value)}
              error={errors.displayName}
              required
            />
            <TextInput
              name="phone"
              type="tel"
              label={t('register.phone')}
              description={t('admin.phoneHint')}
              inputMode="tel"
              autoComplete="off"
              value={values.phone}
              onChange={(event) => set('phone', 'phone')(event.currentTarget.value)}
              error={errors.phone}
              required
            />
            {scopeField && (
              <TextInput
                name={scopeField}
                label={t(`admin.scope.${scopeField}`)}
                description={t(`admin.scopeHint.${scopeField}`)}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                value={values.scope}
                onChange={(event) => set('scope', scopeField)(event.currentTarget.value)}
                error={errors[scopeField]}
                maxLength={scopeField === 'facilityCode' ? 5 : 20}
                required
              />
            )}
          </SimpleGrid>
          <Button
            type="submit"
            mt="lg"
            loading={create.isPending}
            leftSection={<IconUserPlus size={22} aria-hidden="true" />}
          >
            {t('admin.create')}
          </Button>
        </form>
      </Stack>
    </Card>
  );
}

function StaffList() {
  const { t } = useTranslation();
  const format = useFormatters();
  const language = useLanguage();
  const titleId = useId();
  const [page, setPage] = useState(1);
  const [role, setRole] = useState<StaffRole | null>(null);
  const wide = useMediaQuery('(min-width: 62em)', true);
  const query = useQuery({
    queryKey: ['admin-staff', page, role, language],
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/admin/staff', staffPage, { signal, query: { page, pageSize: PAGE_SIZE, role } }),
    placeholderData: keepPreviousData,
  });
  const { data, isError, error, isFetching, refetch } = query;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const scopeOf = (item: NonNullable<typeof data>['items'][number]) =>
    item.scope.agencyCode ?? item.scope.facilityCode ?? item.scope.employerUnitCode ?? '—';

  return (
    <Stack gap="md" component="section" aria-labelledby={titleId} aria-busy={isFetching}>
      <Group gap="sm">
        <Title order={2} id={titleId}>
          {t('admin.listTitle')}
        </Title>
        {isFetching && <Loader size="sm" aria-hidden="true" />}
      </Group>
      <NativeSelect
        name="roleFilter"
        label={t('admin.roleFilter')}
        value={role ?? ''}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setRole(isStaffRole(value) ? value : null);
          setPage(1);
        }}
        data={[
          { value: '', label: t('admin.allRoles') },
          ...STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })),
        ]}
        size="lg"
        maw={360}
      />
      {data && <Text aria-live="polite">{t('admin.total', { total: format.integer(data.total) })}</Text>}
      {isError && <ErrorState error={error} onRetry={() => void refetch()} />}
      {!data && !isError && <Skeleton height={160} radius="md" aria-hidden="true" />}
      {data && data.items.length === 0 && <Text fw={700}>{t('admin.empty')}</Text>}
      {data &&
        data.items.length > 0 &&
        (wide ? (
          <Table striped verticalSpacing="sm" fz="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.displayName')}</Table.Th>
                <Table.Th scope="col">{t('backoffice.username')}</Table.Th>
                <Table.Th scope="col">{t('admin.role')}</Table.Th>
                <Table.Th scope="col">{t('admin.scopeColumn')}</Table.Th>
                <Table.Th scope="col">{t('admin.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td fw={600}>{item.displayName}</Table.Td>
                  <Table.Td>{item.login}</Table.Td>
                  <Table.Td>{t(`roles.${item.role}`)}</Table.Td>
                  <Table.Td>{scopeOf(item)}</Table.Td>
                  <Table.Td>{formatDateTime(item.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {data.items.map((item) => (
              <li key={item.id}>
                <Card withBorder padding="md" radius="md">
                  <Text fw={700} size="lg">
                    {item.displayName}
                  </Text>
                  <Text size="md">
                    {t('backoffice.username')}: {item.login}
                  </Text>
                  <Group gap="xs" mt={4}>
                    <Badge variant="light" color="vss" size="lg" tt="none">
                      {t(`roles.${item.role}`)}
                    </Badge>
                    <Text size="md">{scopeOf(item)}</Text>
                  </Group>
                </Card>
              </li>
            ))}
          </Stack>
        ))}
      {data && pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={setPage}
          size="lg"
          getItemProps={(item) => ({
            'aria-label': t('pagination.goToPage', { page: format.integer(item) }),
            'aria-current': item === page ? 'page' : undefined,
          })}
        />
      )}
    </Stack>
  );
}
