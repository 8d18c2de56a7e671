import {
  Button,
  Field,
  Label,
  Paragraph,
  Textarea,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { Form, Link } from "react-router";
import { topics } from "../../core/guide/kinds.ts";
import { useT } from "../lib/i18n.tsx";
import type { ActionFailure } from "../lib/route-helpers.ts";
import {
  CheckboxGroup,
  CsrfField,
  FormErrors,
  SelectField,
  TextField,
  valueOf,
  valuesOf,
} from "./forms.tsx";

export interface StoredEntry {
  name: string;
  description: string;
  offers: string;
  topics: string[];
  ageFrom: number;
  ageTo: number;
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
  howToRefer: string;
  openingHours: string;
  public: boolean;
  unitId: string | null;
}

/** A multi-line field composed like TextField, so label, help and error are linked without JavaScript. */
function TextAreaField(props: {
  name: string;
  label: string;
  defaultValue: string | undefined;
  error: string | undefined;
  help?: string;
  maxLength: number;
  rows?: number;
}) {
  const t = useT();
  const helpId = `${props.name}-hjelp`;
  const errorId = `${props.name}-feil`;
  const describedBy = [props.help ? helpId : null, props.error ? errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <Field>
      <Label htmlFor={props.name}>{props.label}</Label>
      {props.help ? (
        <Paragraph data-size="sm" id={helpId}>
          {props.help}
        </Paragraph>
      ) : null}
      <Textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        defaultValue={props.defaultValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.error ? <ValidationMessage id={errorId}>{t(props.error)}</ValidationMessage> : null}
    </Field>
  );
}

export function DirectoryForm(props: {
  failure: ActionFailure | undefined;
  stored?: StoredEntry;
  units: { id: string; name: string }[];
}) {
  const t = useT();
  const { failure, stored } = props;
  const errors = failure?.fieldErrors ?? {};
  const text = (name: keyof StoredEntry) => {
    const value = stored?.[name];
    return valueOf(
      failure,
      name,
      value === undefined || value === null ? undefined : String(value),
    );
  };
  return (
    <>
      <FormErrors failure={failure} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="name"
          label={t("directory.fields.name")}
          required
          maxLength={120}
          defaultValue={text("name")}
          error={errors.name}
        />
        <TextAreaField
          name="offers"
          label={t("directory.fields.offers")}
          maxLength={2000}
          defaultValue={text("offers")}
          error={errors.offers}
        />
        <TextAreaField
          name="description"
          label={t("directory.fields.description")}
          help={t("directory.fields.descriptionHelp")}
          maxLength={4000}
          rows={6}
          defaultValue={text("description")}
          error={errors.description}
        />
        <CheckboxGroup
          name="topics"
          legend={t("directory.fields.topics")}
          description={t("directory.fields.topicsHelp")}
          options={topics.map((topic) => ({ value: topic, label: t(`guide.topic.${topic}`) }))}
          checked={valuesOf(failure, "topics", stored?.topics ?? [])}
          error={errors.topics}
        />
        <div className="directory-form__ages">
          <TextField
            name="ageFrom"
            type="number"
            min={0}
            max={24}
            label={t("directory.fields.ageFrom")}
            help={t("directory.fields.ageHelp")}
            defaultValue={text("ageFrom") ?? "0"}
            error={errors.ageFrom}
          />
          <TextField
            name="ageTo"
            type="number"
            min={0}
            max={24}
            label={t("directory.fields.ageTo")}
            defaultValue={text("ageTo") ?? "24"}
            error={errors.ageTo}
          />
        </div>
        <TextField
          name="phone"
          type="tel"
          autoComplete="off"
          label={t("directory.fields.phone")}
          maxLength={40}
          defaultValue={text("phone")}
          error={errors.phone}
        />
        <TextField
          name="email"
          type="email"
          autoComplete="off"
          label={t("directory.fields.email")}
          maxLength={254}
          defaultValue={text("email")}
          error={errors.email}
        />
        <TextField
          name="website"
          label={t("directory.fields.website")}
          help={t("directory.fields.websiteHelp")}
          maxLength={500}
          defaultValue={text("website")}
          error={errors.website}
        />
        <TextField
          name="address"
          label={t("directory.fields.address")}
          maxLength={300}
          defaultValue={text("address")}
          error={errors.address}
        />
        <TextAreaField
          name="howToRefer"
          label={t("directory.fields.howToRefer")}
          maxLength={2000}
          defaultValue={text("howToRefer")}
          error={errors.howToRefer}
        />
        <TextField
          name="openingHours"
          label={t("directory.fields.openingHours")}
          maxLength={500}
          defaultValue={text("openingHours")}
          error={errors.openingHours}
        />
        <SelectField
          name="unitId"
          label={t("directory.fields.unit")}
          options={[
            { value: "", label: t("directory.fields.noUnit") },
            ...props.units.map((unit) => ({ value: unit.id, label: unit.name })),
          ]}
          defaultValue={text("unitId") ?? ""}
          error={errors.unitId}
        />
        <CheckboxGroup
          name="public"
          legend={t("directory.fields.publicLegend")}
          description={t("directory.fields.publicHelp")}
          options={[{ value: "on", label: t("directory.fields.public") }]}
          checked={valuesOf(failure, "public", stored === undefined || stored.public ? ["on"] : [])}
          error={errors.public}
        />
        <div className="form__actions">
          <Button type="submit">{t("directory.admin.save")}</Button>
          <Button asChild variant="tertiary">
            <Link to="/admin/tjenester">{t("directory.admin.cancel")}</Link>
          </Button>
        </div>
      </Form>
    </>
  );
}
