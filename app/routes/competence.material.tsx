import { Heading, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "react-router";
import { getCompetenceMaterial } from "../../core/implementation/competence.ts";
import { fileSizeText } from "../../core/implementation/competence-rules.ts";
import { htmlLang } from "../../i18n/index.ts";
import {
  documentTypeName,
  PlainText,
  useLanguage,
} from "../components/implementation-training.tsx";
import { useT } from "../lib/i18n.tsx";
import { loadOr404, requirePermission } from "../lib/route-helpers.ts";
import type { Route } from "./+types/competence.material";

/**
 * /kompetanse/:materialId: one learning material. A text is rendered Markdown; a link or video
 * is a link out (never an embedded player: the content security policy allows no frames); a
 * document is a download.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "competence.use");
  return loadOr404(() =>
    getCompetenceMaterial({
      database: context.services.database,
      actor,
      materialId: params.materialId,
    }),
  );
}

const M = "implementation.training.materials";

export default function CompetenceMaterialPage() {
  const t = useT();
  const language = useLanguage();
  const { material, canManage } = useLoaderData<typeof loader>();
  const componentAnchor = `/kompetanse#komponent-${material.componentId ?? "generelt"}`;
  return (
    <div className="page">
      <title>{`${material.title} – ${t(`${M}.portalTitle`)} – ${t("app.name")}`}</title>
      <Heading level={1} data-size="lg">
        {material.title}
      </Heading>
      <Paragraph>
        <Tag data-color="neutral">{t(`${M}.kinds.${material.kind}`)}</Tag>{" "}
        {t(`${M}.partOf`, { component: material.componentTitle ?? t(`${M}.general`) })}
      </Paragraph>
      <div className="actions">
        <DsLink asChild>
          <Link to={componentAnchor}>{t(`${M}.backToPortal`)}</Link>
        </DsLink>
        {canManage ? (
          <DsLink asChild>
            <Link to={`/implementering/kompetanse/${material.id}`}>{t(`${M}.edit`)}</Link>
          </DsLink>
        ) : null}
      </div>
      {material.kind === "text" && material.bodyHtml ? (
        <div className="guide-body" dangerouslySetInnerHTML={{ __html: material.bodyHtml }} />
      ) : (
        <>
          {material.body ? <PlainText text={material.body} /> : null}
          {(material.kind === "link" || material.kind === "video") && material.url ? (
            <Paragraph>
              <DsLink href={material.url} rel="noopener noreferrer">
                {t(material.kind === "video" ? `${M}.openVideo` : `${M}.openLink`, {
                  title: material.title,
                })}
              </DsLink>{" "}
              <span>({new URL(material.url).hostname})</span>
            </Paragraph>
          ) : null}
          {material.kind === "document" && material.fileName ? (
            <Paragraph>
              <DsLink href={`/kompetanse/${material.id}/fil`} download>
                {t(`${M}.download`, {
                  name: material.fileName,
                  type: documentTypeName(material.fileType),
                  size: fileSizeText(material.fileSize ?? 0, htmlLang[language]),
                })}
              </DsLink>
            </Paragraph>
          ) : null}
        </>
      )}
    </div>
  );
}
