// A portal page in React 19 that embeds tokhai's <tk-form> for the permanent-residence procedure.
import { useRef, useState } from "react";
import { formatMoney } from "@tokhai/core";
import type { TkDiagnosticEvent, TkForm, TkSubmitEvent } from "@tokhai/elements";
import catalog from "../../data/administrative-units.json";
import { CONTEXT, PROCEDURE, isResidenceSubmission, type ResidenceData, type ResidenceSubmission } from "./residence";

/** The languages this page offers (tk-form takes any BCP-47 tag a portal has dictionaries for). */
type Lang = "vi" | "en";

const TEXT = {
  vi: {
    heading: "Cổng dịch vụ công mẫu (React 19)",
    intro: "Biểu mẫu <tk-form> của tokhai trong một thành phần React: dữ liệu sẵn có được điền và xác thực, người dân chỉ nhập phần còn thiếu.",
    language: "Ngôn ngữ",
    submitted: "Hồ sơ đã nộp",
    procedure: "Thủ tục",
    applicant: "Người đề nghị",
    newAddress: "Nơi thường trú mới",
    ownership: "Chỗ ở hợp pháp",
    members: "Thành viên cùng thay đổi",
    fee: "Lệ phí",
    submittedAt: "Thời điểm nộp",
    envelope: "Toàn bộ hồ sơ (JSON)",
    again: "Khai lại từ đầu",
    diagnostics: "Cảnh báo của biểu mẫu",
  },
  en: {
    heading: "Sample public-service portal (React 19)",
    intro: "tokhai's <tk-form> inside a React component: the data the state holds is filled in and verified, the citizen types only what is missing.",
    language: "Language",
    submitted: "Submitted application",
    procedure: "Procedure",
    applicant: "Applicant",
    newAddress: "New permanent address",
    ownership: "Lawful residence",
    members: "Members moving too",
    fee: "Fee",
    submittedAt: "Submitted at",
    envelope: "The whole envelope (JSON)",
    again: "Start again",
    diagnostics: "Form diagnostics",
  },
} satisfies Record<Lang, Record<string, string>>;

/** One label per value of the generated union: a new value in the procedure fails to compile here. */
const OWNERSHIP: Record<ResidenceData["newAddress"]["ownership"], Record<Lang, string>> = {
  owner: { vi: "Thuộc quyền sở hữu của người đề nghị", en: "Owned by the applicant" },
  rent: { vi: "Thuê, mượn, ở nhờ", en: "Rented, borrowed or lodging" },
  relative: { vi: "Về ở với người thân", en: "Living with relatives" },
};

/** "Phường Bến Thành, Thành phố Hồ Chí Minh" from the codes in the data. */
function placeName(address: ResidenceData["newAddress"]): string {
  const province = catalog.provinces.find((p) => p.code === address.province);
  const commune = province?.communes.find((c) => c.code === address.commune);
  return [address.detail, commune?.name ?? address.commune, province?.name ?? address.province].join(", ");
}

export function App() {
  const [locale, setLocale] = useState<Lang>("vi");
  const [submitted, setSubmitted] = useState<ResidenceSubmission | null>(null);
  const [diagnostics, setDiagnostics] = useState<string[]>([]);
  const form = useRef<TkForm>(null);
  const t = TEXT[locale];

  // React 19 adds this as a listener for `tk-submit` (see tk-form.d.ts): the event is typed.
  const onSubmit = (event: TkSubmitEvent) => {
    const { envelope } = event;
    if (!isResidenceSubmission(envelope)) throw new Error(`unexpected procedure ${envelope.procedure.id}@${envelope.procedure.version}`);
    // From here on the data has the generated type: envelope.data.applicant.fullName is a string.
    setSubmitted(envelope);
  };
  const onDiagnostic = (event: TkDiagnosticEvent) => setDiagnostics((list) => [...list, `${event.diagnostic.code}: ${event.diagnostic.message}`]);
  const startAgain = () => {
    form.current?.reset();
    setSubmitted(null);
  };

  return (
    <main lang={locale}>
      <header>
        <h1>{t.heading}</h1>
        <p>{t.intro}</p>
        <fieldset className="locale">
          <legend>{t.language}</legend>
          <label>
            <input type="radio" name="locale" value="vi" checked={locale === "vi"} onChange={() => setLocale("vi")} /> Tiếng Việt
          </label>
          <label>
            <input type="radio" name="locale" value="en" checked={locale === "en"} onChange={() => setLocale("en")} /> English
          </label>
        </fieldset>
      </header>

      {/* Objects go in as properties; `procedure` and `context` keep their identity across renders, so
          switching the locale re-renders the form in place and keeps what the citizen typed. */}
      <tk-form ref={form} procedure={PROCEDURE} context={CONTEXT} locale={locale} ontk-submit={onSubmit} ontk-diagnostic={onDiagnostic} />

      {diagnostics.length > 0 && (
        <section className="diagnostics" aria-labelledby="diagnostics-title">
          <h2 id="diagnostics-title">{t.diagnostics}</h2>
          <ul>
            {diagnostics.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        </section>
      )}

      {submitted && <Submitted envelope={submitted} locale={locale} onStartAgain={startAgain} />}
    </main>
  );
}

function Submitted({ envelope, locale, onStartAgain }: { envelope: ResidenceSubmission; locale: Lang; onStartAgain: () => void }) {
  const t = TEXT[locale];
  const { data } = envelope;
  const members = data.household?.members ?? [];
  return (
    <section className="submitted" aria-labelledby="submitted-title" data-testid="submitted">
      <h2 id="submitted-title">{t.submitted}</h2>
      <dl>
        <dt>{t.procedure}</dt>
        <dd data-field="procedure">
          {envelope.procedure.id}@{envelope.procedure.version}
        </dd>
        <dt>{t.applicant}</dt>
        <dd data-field="applicant">{data.applicant.fullName}</dd>
        <dt>{t.newAddress}</dt>
        <dd data-field="newAddress">{placeName(data.newAddress)}</dd>
        <dt>{t.ownership}</dt>
        <dd data-field="ownership">{OWNERSHIP[data.newAddress.ownership][locale]}</dd>
        <dt>{t.members}</dt>
        <dd data-field="members">{members.map((m) => m.fullName).join(", ") || "—"}</dd>
        <dt>{t.fee}</dt>
        <dd data-field="fee">{formatMoney(data.fee ?? 0, locale)}</dd>
        <dt>{t.submittedAt}</dt>
        <dd data-field="submittedAt">{envelope.submittedAt}</dd>
      </dl>
      <details>
        <summary>{t.envelope}</summary>
        <pre data-testid="envelope">{JSON.stringify(envelope, null, 2)}</pre>
      </details>
      <button type="button" onClick={onStartAgain}>
        {t.again}
      </button>
    </section>
  );
}
