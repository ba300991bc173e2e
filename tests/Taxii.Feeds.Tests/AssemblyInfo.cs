using Taxii.Testing;

[assembly: AssemblyFixture(typeof(PostgresServerFixture))]
