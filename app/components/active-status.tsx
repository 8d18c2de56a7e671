import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link } from "react-router";
import { CsrfField } from "./forms.tsx";

/**
 * The "status" section of an admin edit page: deactivate behind a confirmation step that works
 * without JavaScript (`?bekreft=deaktiver`), or reactivate. The posts carry
 * `intent=deactivate|reactivate`. Texts come translated from the page.
 */
export function ActiveStatusSection(props: {
  active: boolean;
  confirming: boolean;
  /** The page itself, without the confirmation query: where "Avbryt" goes. */
  selfPath: string;
  texts: {
    heading: string;
    confirmQuestion: string;
    confirm: string;
    cancel: string;
    deactivate: string;
    reactivate: string;
  };
}) {
  const { active, confirming, selfPath, texts } = props;
  return (
    <section aria-labelledby="status-heading" className="page">
      <Heading level={2} data-size="sm" id="status-heading">
        {texts.heading}
      </Heading>
      {active && confirming ? (
        <Alert data-color="warning">
          <Paragraph>{texts.confirmQuestion}</Paragraph>
          <Form method="post" className="form__actions">
            <CsrfField />
            <Button type="submit" name="intent" value="deactivate" data-color="danger">
              {texts.confirm}
            </Button>
            <Button asChild variant="tertiary">
              <Link to={selfPath}>{texts.cancel}</Link>
            </Button>
          </Form>
        </Alert>
      ) : active ? (
        <div className="actions">
          <Button asChild variant="secondary" data-color="danger">
            <Link to="?bekreft=deaktiver">{texts.deactivate}</Link>
          </Button>
        </div>
      ) : (
        <Form method="post" className="actions">
          <CsrfField />
          <Button type="submit" name="intent" value="reactivate" variant="secondary">
            {texts.reactivate}
          </Button>
        </Form>
      )}
    </section>
  );
}
