import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EvidenceLink } from './api';
import { linkHref } from './logic';

/** Evidence links as tags; those with a console route are links. */
export function EvidenceLinks({ links }: { links: EvidenceLink[] }) {
  const { t } = useTranslation();
  if (!links.length) return null;
  return (
    <Space size={[4, 4]} wrap>
      {links.map((l, i) => {
        const href = linkHref(l.type, l.target);
        const text = `${t(`maturity.linkTypes.${l.type}`)}: ${l.label ?? l.target}`;
        return <Tag key={i}>{href ? <Link to={href}>{text}</Link> : text}</Tag>;
      })}
    </Space>
  );
}
