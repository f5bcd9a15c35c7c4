"use client";

import { Stethoscope } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { DoctorCheck, DoctorReport, EndpointDiagnosis } from "@/lib/ai/doctor";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { runDoctor } from "./api";

const STATUS_VARIANTS: Record<DoctorCheck["status"], BadgeVariant> = {
  ok: "success",
  warn: "warning",
  fail: "destructive",
  skip: "outline",
};

const CHECKS = ["reachable", "key", "model", "streaming", "structuredOutput"] as const;
const pick = (e: EndpointDiagnosis, check: (typeof CHECKS)[number]): DoctorCheck => e.checks[check];

/** The same check as `npm run doctor`, run when the admin asks (it calls the models). */
export function ModelDoctor() {
  const t = useTranslations("Admin.doctor");
  const describeError = useErrorMessage();
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const run = async () => {
    if (pending) return;
    setPending(true);
    setError(null);
    const result = await runDoctor();
    setPending(false);
    if (!result.ok) return setError(describeError(result));
    setReport(result.data.report);
  };

  return (
    <section aria-labelledby="admin-doctor-heading" className="flex flex-col gap-3">
      <h2 id="admin-doctor-heading" className="font-semibold text-lg">
        {t("heading")}
      </h2>
      <p className="text-muted-foreground text-sm">
        {t.rich("body", { code: (chunks) => <code>{chunks}</code> })}
      </p>
      <Button
        variant="outline"
        className="self-start"
        aria-disabled={pending}
        aria-busy={pending}
        onClick={() => void run()}
      >
        <Stethoscope aria-hidden />
        {pending ? t("checking") : t("run")}
      </Button>
      <div role="status" className="text-sm">
        {error ? <span className="text-destructive">{error}</span> : null}
        {report ? (
          <span>
            {report.ok ? t("allPassed") : t("someFailed")}{" "}
            {t("checkedAt", { time: report.checkedAt.slice(11, 19) })}
          </span>
        ) : null}
      </div>
      {report ? <DoctorTable report={report} /> : null}
    </section>
  );
}

function DoctorTable({ report }: { report: DoctorReport }) {
  const t = useTranslations("Admin.doctor");
  const { endpoints } = report;
  const ms = (value: number | null) => (value === null ? "—" : t("ms", { value }));
  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-x-auto rounded-lg border">
        <table className="w-full text-sm" data-testid="doctor-table">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-muted/50 text-left text-muted-foreground text-xs">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("check")}
              </th>
              {endpoints.map((e) => (
                <th key={e.role} scope="col" className="px-3 py-2 font-medium capitalize">
                  {t(`roles.${e.role}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className="border-t">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {t("endpoint")}
              </th>
              {endpoints.map((e) => (
                <td key={e.role} className="break-all px-3 py-2">
                  {e.offline ? t("offline") : e.baseURL} · {e.modelId}
                </td>
              ))}
            </tr>
            {CHECKS.map((name) => (
              <tr key={name} className="border-t">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {t(`checks.${name}`)}
                </th>
                {endpoints.map((e) => {
                  const check = pick(e, name);
                  return (
                    <td key={e.role} className="px-3 py-2">
                      <Badge variant={STATUS_VARIANTS[check.status]}>
                        {t(`status.${check.status}`)}
                      </Badge>{" "}
                      <span className="text-muted-foreground">{check.detail}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr className="border-t">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {t("latency")}
              </th>
              {endpoints.map((e) => (
                <td key={e.role} className="px-3 py-2 tabular-nums">
                  {t("latencyValues", {
                    firstToken: ms(e.firstTokenMs),
                    reply: ms(e.totalMs),
                    extraction: ms(e.extractionMs),
                  })}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {endpoints.some((e) => e.fixes.length) ? (
        <div>
          <h3 className="font-medium text-sm">{t("fixes")}</h3>
          <ul className="list-disc pl-5 text-sm">
            {endpoints.flatMap((e) =>
              e.fixes.map((fix) => (
                <li key={`${e.role}-${fix}`}>
                  <span className="capitalize">{t(`roles.${e.role}`)}</span>: {fix}
                </li>
              )),
            )}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
