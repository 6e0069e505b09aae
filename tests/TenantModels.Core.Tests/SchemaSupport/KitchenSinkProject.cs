using System.Collections.Generic;
using TenantModels.Core.Pipeline;

namespace TenantModels.Core.Tests.SchemaSupport;

/// <summary>
/// A project that writes every key the definition language has, in every place it can appear (both forms of columns,
/// indexes, joins and column mappings), and compiles without a diagnostic: the reference the JSON Schemas are checked against.
/// </summary>
internal static class KitchenSinkProject
{
    public const string ProjectSettings = """
        naming:
          raw_schema: "<tenant>_raw_<source>"
          staging_schema: "<tenant>_stg_<source>"
          tenant_schema: "tenant_<tenant>"
          database: "<tenant>_db"
        canonical_schema: canonical
        shared_schema: shared
        canonical_view_tenant_limit: 200
        distribution: postgres
        tests: [canonical_tenants]
        security:
          isolation: database
          prefix: ks
          owner: ks_owner
          admin: ks_admin
          app: ks_app
          schema: ks_security
          tenant_roles:
            reader: "ks_<tenant>_reader"
        waves:
          - name: canary
            tenants: [acme]
            tier: premium
            where: { region: eu }
            jobs: 2
            on_error: halt
          - name: rest
            on_error: continue

        """;

    public const string Tenants = """
        attributes:
          white_label_id: { type: integer, nullable: false, description: Partner id }
          region: text
        defaults:
          enabled: true
          priority: 50
          tier: standard
          database: main
          sources: [crm]
          attributes: { white_label_id: 0 }
          time_zone: UTC
          refresh_timeout: 10m
        tenants:
          - id: acme
            name: Acme
            enabled: yes
            priority: 1
            tier: premium
            database: eu_1
            sources: [crm]
            attributes: { white_label_id: 1, region: eu }
            time_zone: Europe/Berlin
            refresh_timeout: 90
            overrides:
              crm:
                tables:
                  contact:
                    columns:
                      mail: text
                      amount_cents: { type: bigint, nullable: false, description: Amount in cents }
                mappings:
                  contact_view:
                    table: contact
                    join:
                      org: "org.id = contact.org_id"
                      owner: { on: "owner.id = contact.owner_id", type: left }
                    columns:
                      email: mail
                      amount: { expr: "contact.amount_cents / 100.0", round: 2 }
                      org_name: { from: org.name }
          - id: globex

        """;

    public const string Source = """
        source: crm
        schema: "<tenant>_raw_<source>"
        tables:
          contact:
            columns:
              id: { type: bigint, nullable: false, description: Row id }
              email: text
              amount: numeric(12,4)
              org_id: bigint
              owner_id: bigint
          org:
            columns:
              id: bigint
              name: text
          owner:
            columns:
              id: bigint
              email: varchar(320)

        """;

    public const string TableWithSeed = """
        model: organizations
        materialized: table
        scope: tenant
        columns:
          id: { type: bigint, identity: true, description: Organization id }
          name: { type: text, nullable: false, default: "'unnamed'", renamed_from: title }
          tags: { type: "text[]", renamed_from: [labels, keywords] }
        primary_key: [id]
        unique:
          - [name]
        indexes:
          - [name]
          - { columns: [id, name], unique: true }
        seed: seeds/organizations.csv
        description: Organizations of the tenant
        grants:
          reader: [select]
          admin: [select, insert]

        """;

    public const string TableWithForeignKey = """
        model: contacts
        materialized: table
        columns:
          id: { type: bigint, nullable: false, tests: [not_null, unique] }
          organization_id:
            type: bigint
            tests:
              - not_null:
              - unique:
              - relationships: { to: organizations, column: id }
              - accepted_values: { values: [1, 2, 3] }
              - expression: "organization_id > 0"
              - expression: { expression: "organization_id < 1000" }
        primary_key: [id]
        foreign_keys:
          - { columns: [organization_id], references: organizations, to: [id], on_delete: cascade }
        tests:
          - unique: { columns: [id, organization_id] }
          - row_count: { min: 0, max: 100 }

        """;

    public const string ViewFromSource = """
        model: contact_view
        materialized: view
        scope: tenant
        columns:
          contact_id: { type: bigint, nullable: false }
          email: text
          amount: numeric(12,2)
          org_name: text
          owner_email: text
          doubled: numeric
          nothing: text
        from:
          crm:
            table: contact
            join:
              org: "org.id = contact.org_id"
              owner: { on: "owner.id = contact.owner_id", type: inner }
            columns:
              contact_id: id
              email: { from: email }
              amount: { from: amount, round: 2 }
              org_name: org.name
              owner_email: owner.email
              doubled: { expr: "contact.amount * 2", round: 1 }
              nothing: null
        canonical: true

        """;

    public const string CanonicalTableFromSource = """
        model: contact_table
        columns:
          contact_id: bigint
          email: text
        from:
          crm:
            table: contact
            columns:
              contact_id: id
              email: email
        canonical:
          form: table
          watermark: contact_id
          indexes:
            - [email]
            - { columns: [contact_id], unique: true }
        schedule: { at: ["06:00", "18:00"] }

        """;

    public const string MaterializedViewFromSql = """
        model: org_summary
        materialized: materialized_view
        columns:
          name: text
          contacts: bigint
        sql: |
          select o.name, count(c.id) as contacts
          from {{ ref('organizations') }} o
          left join {{ ref('contacts') }} c on c.organization_id = o.id
          group by o.name
        indexes:
          - { columns: [name], unique: true }
        schedule: { cron: "0 5 * * 1-5" }

        """;

    public const string Seed = "id,name,tags\n1,Acme,\"{a,b}\"\n";

    public static IReadOnlyList<DefinitionFile> Files { get; } = new[]
    {
        File("tenantmodels.yaml", ProjectSettings),
        File("tenants.yaml", Tenants),
        File("sources/crm.yaml", Source),
        File("models/organizations.yaml", TableWithSeed),
        File("models/contacts.yaml", TableWithForeignKey),
        File("models/contact_view.yaml", ViewFromSource),
        File("models/org_summary.yaml", MaterializedViewFromSql),
        File("models/contact_table.yaml", CanonicalTableFromSource),
        File("seeds/organizations.csv", Seed),
    };

    public static ProjectInput Input(IReadOnlyList<DefinitionFile> files) => new("KitchenSink", "1.0.0", files);

    private static DefinitionFile File(string relativePath, string text) => new(relativePath, relativePath, text);
}
