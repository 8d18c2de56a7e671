import { Fieldset } from "@digdir/designsystemet-react";
import {
  NEXT_OF_KIN_CHILD_NAME_MAX,
  NEXT_OF_KIN_CHILD_ROWS,
  NEXT_OF_KIN_TEXT_MAX,
  nextOfKinStatuses,
  PARENT_REFERENCE_MAX,
  parentSituations,
} from "../../core/relay-log/cases-rules.ts";
import { FormErrors, RadioGroup, SelectField, TextField, valueOf } from "./forms.tsx";
import { IdentityCheck, identityWarnings, norwegianDate } from "./relay-log-cases.tsx";
import { TextAreaField } from "./worry-fields.tsx";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";

export interface NextOfKinStored {
  parentReference: string;
  parentSituation: string;
  children: { name: string; birthYear: number | null }[];
  conversationOn: string | null;
  childrensNeeds: string;
  actionsTaken: string;
  followUpOn: string | null;
  status: string;
}

const childRows = Array.from({ length: NEXT_OF_KIN_CHILD_ROWS }, (_, index) => index);

/**
 * The fields of a barn som pårørende case, for registering (with the unit) and editing. Works
 * without JavaScript: fixed rows for the children, dates typed as dd.mm.åååå.
 */
export function NextOfKinFields(props: {
  failure: ActionFailure | undefined;
  stored?: NextOfKinStored;
  units?: { id: string; name: string; adult: boolean }[];
}) {
  const t = useT();
  const { failure, stored } = props;
  const warnings = identityWarnings(failure);
  const others = failure
    ? {
        ...failure,
        fieldErrors: Object.fromEntries(
          Object.entries(failure.fieldErrors).filter(([field]) => !warnings[field]),
        ),
      }
    : undefined;
  const error = (name: string) => others?.fieldErrors[name];
  const value = (name: string, fallback: string | null | undefined) =>
    valueOf(failure, name, fallback ?? "");
  return (
    <>
      {Object.keys(warnings).length === 0 || Object.keys(others?.fieldErrors ?? {}).length > 0 ? (
        <FormErrors failure={others} />
      ) : null}
      <IdentityCheck
        warnings={warnings}
        fieldLabel={() => t("relayLog.cases.nextOfKin.parentReference")}
        headingKey="relayLog.cases.nextOfKin.identity.heading"
        introKey="relayLog.cases.nextOfKin.identity.intro"
        confirmKey="relayLog.cases.nextOfKin.identity.confirm"
      />
      {props.units ? (
        <SelectField
          name="unitId"
          label={t("relayLog.cases.nextOfKin.unit")}
          help={t("relayLog.cases.nextOfKin.unitHelp")}
          required
          options={props.units.map((unit) => ({
            value: unit.id,
            label: unit.adult
              ? t("relayLog.cases.nextOfKin.adultSuffix", { name: unit.name })
              : unit.name,
          }))}
          defaultValue={valueOf(failure, "unitId", props.units[0]?.id)}
          error={error("unitId")}
        />
      ) : null}
      <TextField
        name="parentReference"
        label={t("relayLog.cases.nextOfKin.parentReference")}
        help={t("relayLog.cases.nextOfKin.parentReferenceHelp")}
        required
        maxLength={PARENT_REFERENCE_MAX}
        autoComplete="off"
        defaultValue={value("parentReference", stored?.parentReference)}
        error={error("parentReference")}
      />
      <RadioGroup
        name="parentSituation"
        legend={t("relayLog.cases.nextOfKin.parentSituation")}
        required
        options={parentSituations.map((situation) => ({
          value: situation,
          label: t(`relayLog.cases.nextOfKin.situation.${situation}`),
        }))}
        checked={valueOf(failure, "parentSituation", stored?.parentSituation)}
        error={error("parentSituation")}
      />
      <Fieldset>
        <Fieldset.Legend>{t("relayLog.cases.nextOfKin.childrenLegend")}</Fieldset.Legend>
        <Fieldset.Description>{t("relayLog.cases.nextOfKin.childrenHelp")}</Fieldset.Description>
        {childRows.map((index) => {
          const number = index + 1;
          const child = stored?.children[index];
          return (
            <div key={index} className="relay-log-cases__pair">
              <TextField
                name={`child${number}Name`}
                label={t("relayLog.cases.nextOfKin.childName", { number })}
                required={index === 0}
                maxLength={NEXT_OF_KIN_CHILD_NAME_MAX}
                autoComplete="off"
                defaultValue={value(`child${number}Name`, child?.name)}
                error={error(`child${number}Name`)}
              />
              <TextField
                name={`child${number}BirthYear`}
                label={t("relayLog.cases.nextOfKin.childBirthYear", { number })}
                maxLength={4}
                autoComplete="off"
                defaultValue={value(
                  `child${number}BirthYear`,
                  child?.birthYear ? String(child.birthYear) : "",
                )}
                error={error(`child${number}BirthYear`)}
              />
            </div>
          );
        })}
      </Fieldset>
      <TextField
        name="conversationOn"
        label={t("relayLog.cases.nextOfKin.conversationOn")}
        help={t("relayLog.cases.dateHelp")}
        required
        autoComplete="off"
        defaultValue={value("conversationOn", norwegianDate(stored?.conversationOn))}
        error={error("conversationOn")}
      />
      <TextAreaField
        name="childrensNeeds"
        label={t("relayLog.cases.nextOfKin.childrensNeeds")}
        help={t("relayLog.cases.nextOfKin.childrensNeedsHelp")}
        maxLength={NEXT_OF_KIN_TEXT_MAX}
        defaultValue={value("childrensNeeds", stored?.childrensNeeds)}
        error={error("childrensNeeds")}
      />
      <TextAreaField
        name="actionsTaken"
        label={t("relayLog.cases.nextOfKin.actionsTaken")}
        help={t("relayLog.cases.nextOfKin.actionsTakenHelp")}
        maxLength={NEXT_OF_KIN_TEXT_MAX}
        defaultValue={value("actionsTaken", stored?.actionsTaken)}
        error={error("actionsTaken")}
      />
      <TextField
        name="followUpOn"
        label={t("relayLog.cases.nextOfKin.followUpOn")}
        help={t("relayLog.cases.dateHelp")}
        autoComplete="off"
        defaultValue={value("followUpOn", norwegianDate(stored?.followUpOn))}
        error={error("followUpOn")}
      />
      <RadioGroup
        name="status"
        legend={t("relayLog.cases.nextOfKin.status")}
        options={nextOfKinStatuses.map((status) => ({
          value: status,
          label: t(`relayLog.cases.nextOfKin.statusValue.${status}`),
        }))}
        checked={valueOf(failure, "status", stored?.status ?? "open")}
        error={error("status")}
      />
    </>
  );
}
