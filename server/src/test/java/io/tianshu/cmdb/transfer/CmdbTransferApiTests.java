package io.tianshu.cmdb.transfer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.sql.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.CmdbPermissions;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
class CmdbTransferApiTests {

	private static final String HEADER = "名称,主机名,IP 地址,CPU 核数,环境,采购日期\n";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransferEventProbe probe;

	private static RequestPostProcessor admin() {
		return user("cmdb-importer").authorities(new SimpleGrantedAuthority(CmdbPermissions.MODEL_READ),
				new SimpleGrantedAuthority(CmdbPermissions.MODEL_WRITE),
				new SimpleGrantedAuthority(CmdbPermissions.CI_READ),
				new SimpleGrantedAuthority(CmdbPermissions.CI_WRITE),
				new SimpleGrantedAuthority(CmdbPermissions.RELATION_WRITE));
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/** A fresh model, so that counts and identities never meet another test's CIs. */
	private String model() throws Exception {
		String code = "imp_" + suffix();
		this.mvc
			.perform(post("/api/v1/cmdb/models").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"code": "%s", "name": "导入测试", "nameEn": "Import test", "group": "iaas", "attributes": [
						  {"code": "hostname", "name": "主机名", "type": "string", "required": true},
						  {"code": "serial", "name": "序列号", "type": "string"},
						  {"code": "ip", "name": "IP 地址", "type": "ip"},
						  {"code": "cores", "name": "CPU 核数", "type": "int", "min": 1, "max": 1024},
						  {"code": "env", "name": "环境", "type": "enum", "enumValues": ["prod", "test"]},
						  {"code": "bought", "name": "采购日期", "type": "date"},
						  {"code": "tags", "name": "标签", "type": "list"},
						  {"code": "managed", "name": "纳管", "type": "bool"},
						  {"code": "ratio", "name": "比例", "type": "decimal"},
						  {"code": "note", "name": "备注", "type": "string"}],
						 "identificationRules": [{"name": "hostname", "attributes": ["hostname"]},
						                         {"name": "serial", "attributes": ["serial"]}]}""".formatted(code)))
			.andExpect(status().isCreated());
		return code;
	}

	private ResultActions dryRun(String model, String fileName, byte[] content, String... params) throws Exception {
		var request = multipart("/api/v1/cmdb/imports").file(new MockMultipartFile("file", fileName, null, content))
			.param("mode", "dryRun")
			.with(admin())
			.with(csrf());
		if (model != null) {
			request.param("model", model);
		}
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return this.mvc.perform(request);
	}

	private String jobId(ResultActions result) throws Exception {
		return JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id");
	}

	private ResultActions apply(String job, String rows) throws Exception {
		return this.mvc.perform(post("/api/v1/cmdb/imports/" + job + "/apply").with(admin())
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"rows\": \"" + rows + "\"}"));
	}

	private int count(String model) {
		return this.jdbc.sql("SELECT count(*) FROM cmdb.ci WHERE model_code = ?")
			.param(model)
			.query(Integer.class)
			.single();
	}

	private static String hosts() {
		return HEADER + """
				交易前置01,trade01,10.1.1.1,8,prod,2024/3/5
				交易前置02,trade02,10.1.1.2,"1,024",test,2024-03-06
				坏主机,bad03,10.1.1.300,0,prod,45678
				,,,,,
				""";
	}

	@Test
	void dryRunOfUtf8CsvReportsEveryRowAndChangesNothing() throws Exception {
		String model = model();
		dryRun(model, "hosts.csv", hosts().getBytes(StandardCharsets.UTF_8)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("PREVIEWED"))
			.andExpect(jsonPath("$.format").value("CSV"))
			.andExpect(jsonPath("$.charset").value("UTF-8"))
			.andExpect(jsonPath("$.report.counts.rows").value(3))
			.andExpect(jsonPath("$.report.counts.create").value(2))
			.andExpect(jsonPath("$.report.counts.update").value(0))
			.andExpect(jsonPath("$.report.counts.unchanged").value(0))
			.andExpect(jsonPath("$.report.counts.invalid").value(1))
			.andExpect(jsonPath("$.report.columns[*].field")
				.value(contains("name", "hostname", "ip", "cores", "env", "bought")))
			.andExpect(jsonPath("$.report.errors", hasSize(3)))
			.andExpect(jsonPath("$.report.errors[*].row").value(contains(4, 4, 4)))
			.andExpect(jsonPath("$.report.errors[*].column").value(containsInAnyOrder("C", "D", "F")))
			.andExpect(jsonPath("$.report.errors[?(@.column == 'C')].header").value("IP 地址"))
			.andExpect(jsonPath("$.report.errors[?(@.column == 'C')].code").value("cmdb.ci.attribute.format"))
			.andExpect(jsonPath("$.report.errors[?(@.column == 'D')].code").value("cmdb.ci.attribute.range"))
			.andExpect(jsonPath("$.report.errors[?(@.column == 'F')].code").value("cmdb.import.excel-serial-date"))
			.andExpect(jsonPath("$.report.errorsTruncated").value(false))
			.andExpect(jsonPath("$.report.duplicates", hasSize(0)));
		assertThat(count(model)).isZero();
	}

	@Test
	void applyAllRefusesInvalidRowsAndValidOnlyWritesTheRest() throws Exception {
		String model = model();
		String job = jobId(dryRun(model, "hosts.csv", hosts().getBytes(StandardCharsets.UTF_8)));
		apply(job, "all").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.invalid-rows"))
			.andExpect(jsonPath("$.report.counts.invalid").value(1))
			.andExpect(jsonPath("$.report.errors[0].row").value(4));
		assertThat(count(model)).isZero();
		apply(job, "sometimes").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("rows"));
		apply(job, "validOnly").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("APPLIED"))
			.andExpect(jsonPath("$.report.applied.mode").value("validOnly"))
			.andExpect(jsonPath("$.report.applied.created").value(2))
			.andExpect(jsonPath("$.report.applied.skipped").value(1));
		assertThat(count(model)).isEqualTo(2);
		Map<String, Object> trade = this.jdbc
			.sql("SELECT name, state, attributes::text AS a, version FROM cmdb.ci WHERE model_code = ? AND name = ?")
			.params(model, "交易前置02")
			.query()
			.singleRow();
		assertThat(trade.get("state")).isEqualTo("PLANNED");
		assertThat((String) trade.get("a")).contains("\"cores\": 1024").contains("\"bought\": \"2024-03-06\"");
		assertThat(this.jdbc.sql("""
				SELECT h.source FROM cmdb.ci_history h JOIN cmdb.ci c ON c.id = h.ci_id WHERE c.model_code = ?""")
			.param(model)
			.query(String.class)
			.list()).containsExactly("IMPORT", "IMPORT");
		assertThat(this.jdbc.sql("SELECT count(*) FROM platform.audit_record WHERE target_id = ?")
			.param(job)
			.query(Integer.class)
			.single()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.probe.cis())
				.anyMatch((e) -> e.job().toString().equals(job) && e.created().size() == 2));
		apply(job, "validOnly").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cmdb.import.not-pending"));
	}

	@Test
	void aLargeImportRefreshesThePlannersStatistics() throws Exception {
		String model = model();
		StringBuilder file = new StringBuilder(HEADER);
		for (int i = 0; i < ImportStatistics.THRESHOLD; i++) {
			file.append("统计主机")
				.append(i)
				.append(",stat")
				.append(i)
				.append(",10.9.")
				.append(i / 250)
				.append('.')
				.append(1 + i % 250)
				.append(",4,prod,2024-01-01\n");
		}
		Instant before = this.jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single().toInstant();
		String job = jobId(dryRun(model, "many.csv", file.toString().getBytes(StandardCharsets.UTF_8)));
		apply(job, "all").andExpect(status().isOk())
			.andExpect(jsonPath("$.report.applied.created").value(ImportStatistics.THRESHOLD));
		// ANALYZE by hand (autovacuum's own would be last_autoanalyze)
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Timestamp analyzed = this.jdbc
				.sql("SELECT last_analyze FROM pg_stat_user_tables WHERE schemaname = 'cmdb' AND relname = 'ci'")
				.query(Timestamp.class)
				.single();
			assertThat(analyzed).isNotNull();
			assertThat(analyzed.toInstant()).isAfter(before);
		});
	}

	@Test
	void bomAndGbkFilesAreDecoded() throws Exception {
		String model = model();
		String text = HEADER + "集中交易主机,zj01,10.2.0.1,16,prod,2023-01-02\n";
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		byte[] bom = new byte[utf8.length + 3];
		bom[0] = (byte) 0xEF;
		bom[1] = (byte) 0xBB;
		bom[2] = (byte) 0xBF;
		System.arraycopy(utf8, 0, bom, 3, utf8.length);
		dryRun(model, "bom.csv", bom).andExpect(jsonPath("$.charset").value("UTF-8"))
			.andExpect(jsonPath("$.report.counts.create").value(1))
			.andExpect(jsonPath("$.report.columns[0].field").value("name"));
		byte[] gbk = text.replace("zj01", "zj02").getBytes(Charset.forName("GBK"));
		String job = jobId(dryRun(model, "gbk.csv", gbk).andExpect(jsonPath("$.charset").value("GBK"))
			.andExpect(jsonPath("$.report.counts.create").value(1)));
		apply(job, "all").andExpect(status().isOk());
		assertThat(this.jdbc.sql("SELECT name FROM cmdb.ci WHERE model_code = ?")
			.param(model)
			.query(String.class)
			.single()).isEqualTo("集中交易主机");
		// an explicit charset is obeyed: GBK bytes are not UTF-8
		dryRun(model, "gbk.csv", gbk, "charset", "UTF-8").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.encoding"))
			.andExpect(jsonPath("$.params.line").value(1));
		dryRun(model, "gbk.csv", gbk, "charset", "EBCDIC-42").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.charset-unknown"));
		byte[] garbage = ("name,hostname\nx,").getBytes(StandardCharsets.US_ASCII);
		byte[] undecodable = new byte[garbage.length + 2];
		System.arraycopy(garbage, 0, undecodable, 0, garbage.length);
		undecodable[garbage.length] = (byte) 0xFF;
		undecodable[garbage.length + 1] = (byte) 0xFF;
		dryRun(model, "bad.csv", undecodable).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.encoding"))
			.andExpect(jsonPath("$.params.offset").value(garbage.length))
			.andExpect(jsonPath("$.params.line").value(2));
	}

	@Test
	void xlsxCellsKeepTheirKindsAndFormulasAndSerialDatesAreErrors() throws Exception {
		String model = model();
		byte[] xlsx;
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("主机");
			CellStyle dateStyle = workbook.createCellStyle();
			dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
			Row header = sheet.createRow(0);
			String[] titles = { "name", "hostname", "cores", "bought", "managed", "ratio", "tags" };
			for (int i = 0; i < titles.length; i++) {
				header.createCell(i).setCellValue(titles[i]);
			}
			Row good = sheet.createRow(1);
			good.createCell(0).setCellValue("xlsx-01");
			good.createCell(1).setCellValue("x01");
			good.createCell(2).setCellValue(32);
			good.createCell(3).setCellValue(LocalDate.of(2024, 5, 20));
			good.getCell(3).setCellStyle(dateStyle);
			good.createCell(4).setCellValue(true);
			good.createCell(5).setCellValue(0.25);
			good.createCell(6).setCellValue("java; spring");
			Row formula = sheet.createRow(2);
			formula.createCell(0).setCellValue("xlsx-02");
			formula.createCell(1).setCellValue("x02");
			formula.createCell(2).setCellFormula("16*2");
			formula.createCell(3).setCellValue(45432);
			// row 4 is left out: blank rows do not count; row 5 follows
			Row later = sheet.createRow(4);
			later.createCell(0).setCellValue("xlsx-05");
			later.createCell(1).setCellValue("x05");
			workbook.write(out);
			xlsx = out.toByteArray();
		}
		String job = jobId(dryRun(model, "hosts.xlsx", xlsx).andExpect(status().isCreated())
			.andExpect(jsonPath("$.format").value("XLSX"))
			.andExpect(jsonPath("$.report.counts.rows").value(3))
			.andExpect(jsonPath("$.report.counts.create").value(2))
			.andExpect(jsonPath("$.report.counts.invalid").value(1))
			.andExpect(jsonPath("$.report.errors[*].row").value(contains(3, 3)))
			.andExpect(jsonPath("$.report.errors[*].code")
				.value(containsInAnyOrder("cmdb.import.formula", "cmdb.import.excel-serial-date")))
			.andExpect(jsonPath("$.report.errors[?(@.code == 'cmdb.import.formula')].column").value("C")));
		apply(job, "validOnly").andExpect(status().isOk());
		String attributes = this.jdbc.sql("SELECT attributes::text FROM cmdb.ci WHERE model_code = ? AND name = ?")
			.params(model, "xlsx-01")
			.query(String.class)
			.single();
		assertThat(attributes).contains("\"cores\": 32")
			.contains("\"bought\": \"2024-05-20\"")
			.contains("\"managed\": true")
			.contains("\"ratio\": 0.25")
			.contains("\"tags\": [\"java\", \"spring\"]");
	}

	@Test
	void rowsUpsertByIdentificationRules() throws Exception {
		String model = model();
		apply(jobId(dryRun(model, "first.csv", """
				name,hostname,serial,cores
				a,host-a,SN-A,4
				b,host-b,SN-B,4
				c,host-c,,4
				e,host-e,SN-E,4
				f,host-f,SN-F,4
				""".getBytes(StandardCharsets.UTF_8))), "all").andExpect(status().isOk());
		String hostA = this.jdbc.sql("SELECT id::text FROM cmdb.ci WHERE model_code = ? AND name = 'a'")
			.param(model)
			.query(String.class)
			.single();
		dryRun(model, "second.csv", """
				name,hostname,serial,cores
				a,host-a,SN-A,8
				b,host-b,SN-B,4
				c-renamed,,,
				c,host-c,SN-C,4
				x,host-e,SN-F,4
				d,host-d,,2
				""".getBytes(StandardCharsets.UTF_8)).andExpect(jsonPath("$.report.counts.rows").value(6))
			.andExpect(jsonPath("$.report.counts.create").value(1))
			.andExpect(jsonPath("$.report.counts.update").value(2))
			.andExpect(jsonPath("$.report.counts.unchanged").value(1))
			.andExpect(jsonPath("$.report.counts.invalid").value(2))
			.andExpect(jsonPath("$.report.errors[?(@.row == 4)].code").value("cmdb.ci.attribute.required"))
			.andExpect(jsonPath("$.report.errors[?(@.row == 6)].code").value("cmdb.import.identity-ambiguous"));
		String job = jobId(dryRun(model, "third.csv", """
				id,name,cores
				%s,a-by-id,12
				""".formatted(hostA).getBytes(StandardCharsets.UTF_8))
			.andExpect(jsonPath("$.report.counts.update").value(1)));
		apply(job, "all").andExpect(status().isOk());
		Map<String, Object> a = this.jdbc
			.sql("SELECT name, attributes::text AS a, version FROM cmdb.ci WHERE id = CAST(? AS uuid)")
			.param(hostA)
			.query()
			.singleRow();
		assertThat(a.get("name")).isEqualTo("a-by-id");
		// columns not in the file keep their values
		assertThat((String) a.get("a")).contains("\"serial\": \"SN-A\"").contains("\"cores\": 12");
		assertThat(a.get("version")).isEqualTo(2);
		this.mvc.perform(get("/api/v1/cmdb/cis/" + hostA + "/history").with(admin()))
			.andExpect(jsonPath("$[1].source").value("IMPORT"))
			.andExpect(jsonPath("$[1].diff['attributes.cores'].from").value(4))
			.andExpect(jsonPath("$[1].diff['attributes.cores'].to").value(12));
	}

	@Test
	void duplicateIdentitiesInTheFileAreReported() throws Exception {
		String model = model();
		dryRun(model, "dup.csv", """
				name,hostname,serial
				one,dup-host,S1
				two,dup-host,S2
				three,other,S3
				four,fourth,S3
				""".getBytes(StandardCharsets.UTF_8)).andExpect(jsonPath("$.report.counts.invalid").value(4))
			.andExpect(jsonPath("$.report.duplicates", hasSize(2)))
			.andExpect(jsonPath("$.report.duplicates[0].key").value("identity:hostname"))
			.andExpect(jsonPath("$.report.duplicates[0].value").value("\"dup-host\""))
			.andExpect(jsonPath("$.report.duplicates[0].rows").value(contains(2, 3)))
			.andExpect(jsonPath("$.report.duplicates[1].key").value("identity:serial"))
			.andExpect(jsonPath("$.report.duplicates[1].rows").value(contains(4, 5)))
			.andExpect(jsonPath("$.report.errors[*].code")
				.value(contains("cmdb.import.duplicate-in-file", "cmdb.import.duplicate-in-file",
						"cmdb.import.duplicate-in-file", "cmdb.import.duplicate-in-file")));
	}

	@Test
	void wrongHeadersAreListed() throws Exception {
		String model = model();
		dryRun(model, "headers.csv", "名称,colour,cores,CPU 核数,size\nx,red,1,1,2\n".getBytes(StandardCharsets.UTF_8))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.headers-invalid"))
			.andExpect(jsonPath("$.params.unknown").value(contains("colour", "size")))
			.andExpect(jsonPath("$.params.duplicate").value(contains("cores")))
			.andExpect(jsonPath("$.params.missing").value(contains("hostname")))
			.andExpect(jsonPath("$.errors", hasSize(4)));
		dryRun("no_such_model", "x.csv", "name\nx\n".getBytes(StandardCharsets.UTF_8))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("model"));
	}

	@Test
	void emptyTooLargeAndMalformedFilesAreRefusedPrecisely() throws Exception {
		String model = model();
		dryRun(model, "empty.csv", new byte[0]).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.empty"));
		dryRun(model, "header.csv", "name,hostname\r\n".getBytes(StandardCharsets.UTF_8))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.no-rows"));
		dryRun(model, "quote.csv", "name,hostname\n\"open,x\n".getBytes(StandardCharsets.UTF_8))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.csv-unterminated-quote"));
		dryRun(model, "big.csv", new byte[(int) TransferLimits.MAX_BYTES + 1]).andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.code").value("cmdb.import.too-large"))
			.andExpect(jsonPath("$.params.maxBytes").value(TransferLimits.MAX_BYTES));
		StringBuilder many = new StringBuilder("name,hostname\n");
		for (int i = 0; i <= TransferLimits.MAX_ROWS; i++) {
			many.append('h').append(i).append(",h").append(i).append('\n');
		}
		dryRun(model, "many.csv", many.toString().getBytes(StandardCharsets.UTF_8))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.too-many-rows"));
		dryRun(model, "fake.xlsx", "name,hostname\nx,y\n".getBytes(StandardCharsets.UTF_8))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.xlsx-malformed"));
		dryRun(model, "zip.xlsx", new byte[] { 'P', 'K', 3, 4, 1, 2, 3 }).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.xlsx-malformed"));
		dryRun(model, "old.xls", new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0 })
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.xls-unsupported"));
		dryRun(model, "corrupt.xlsx", corruptSheet()).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.import.xlsx-malformed"));
	}

	/** A valid workbook whose sheet XML is cut off in the middle. */
	private static byte[] corruptSheet() throws Exception {
		byte[] valid;
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Row row = workbook.createSheet("s").createRow(0);
			row.createCell(0).setCellValue("name");
			row.createCell(1).setCellValue("hostname");
			workbook.write(out);
			valid = out.toByteArray();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(valid));
				ZipOutputStream zip = new ZipOutputStream(out)) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				byte[] data = in.readAllBytes();
				zip.putNextEntry(new ZipEntry(entry.getName()));
				if (entry.getName().endsWith("sheet1.xml")) {
					data = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\""
						.getBytes(StandardCharsets.UTF_8);
				}
				zip.write(data);
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

	@Test
	void exportsImportBackUnchanged() throws Exception {
		String model = model();
		apply(jobId(dryRun(model, "seed.csv", """
				name,hostname,serial,ip,cores,env,bought,tags,managed,ratio,note,state
				"报表, 主机",rt01,SN-1,10.3.0.1,4,prod,2024-01-31,java; spring,是,1.50,=cmd|' /C calc'!A0,使用中
				"多行
				备注",rt02,,fe80::1,,test,,,false,-2.5,"say ""hi""\",
				维护机,rt03,SN-3,,,,,"[""a;b"", ""c""]",,,'-leading,IN_USE
				""".getBytes(StandardCharsets.UTF_8))), "all").andExpect(status().isOk());
		for (String format : List.of("csv", "csv-gbk", "xlsx")) {
			var response = this.mvc
				.perform(get("/api/v1/cmdb/exports").param("model", model).param("format", format).with(admin()))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse();
			byte[] file = response.getContentAsByteArray();
			assertThat(response.getHeader("Content-Disposition")).contains(model)
				.endsWith("." + (format.equals("xlsx") ? "xlsx" : "csv") + "\"");
			if (format.equals("csv")) {
				String text = new String(file, StandardCharsets.UTF_8);
				assertThat(text).startsWith("\uFEFFid,name,state,owner,hostname,serial");
				// a cell a spreadsheet would evaluate is guarded
				assertThat(text).contains(",'=cmd|' /C calc'!A0\r\n").contains(",'-2.5,").contains(",'-leading\r\n");
			}
			dryRun(model, "export." + (format.equals("xlsx") ? "xlsx" : "csv"), file).andExpect(status().isCreated())
				.andExpect(jsonPath("$.report.counts.rows").value(3))
				.andExpect(jsonPath("$.report.counts.unchanged").value(3))
				.andExpect(jsonPath("$.report.counts.invalid").value(0))
				.andExpect(jsonPath("$.report.counts.update").value(0));
		}
		this.mvc.perform(get("/api/v1/cmdb/exports").param("model", model).param("format", "pdf").with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("format"));
	}

	@Test
	void templatesCarryTheHeaderAndAHelpSheet() throws Exception {
		String model = model();
		byte[] xlsx = this.mvc
			.perform(get("/api/v1/cmdb/imports/template").param("model", model).param("format", "xlsx").with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
			Row header = workbook.getSheetAt(0).getRow(0);
			assertThat(header.getCell(0).getStringCellValue()).isEqualTo("id");
			assertThat(header.getCell(4).getStringCellValue()).isEqualTo("hostname");
			assertThat(workbook.getSheetAt(1).getRow(9).getCell(5).getStringCellValue()).isEqualTo("prod, test");
		}
		String csv = this.mvc.perform(get("/api/v1/cmdb/imports/template").param("model", model).with(admin()))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv)
			.isEqualTo("\uFEFFid,name,state,owner,hostname,serial,ip,cores,env,bought,tags,managed,ratio,note\r\n");
	}

	@Test
	void relationsImportByIdentity() throws Exception {
		String s = suffix();
		apply(jobId(dryRun("rack", "racks.csv",
				("name,rack_code\nR1,RK-%1$s-1\nR2,RK-%1$s-2\n").formatted(s).getBytes(StandardCharsets.UTF_8))), "all")
			.andExpect(status().isOk());
		apply(jobId(dryRun("host", "hosts.csv",
				("name,hostname\nh1,rel-%1$s-1\nh2,rel-%1$s-2\n").formatted(s).getBytes(StandardCharsets.UTF_8))),
				"all")
			.andExpect(status().isOk());
		String file = """
				type,source_model,source,target_model,target
				contains,rack,RK-%1$s-1,host,rel-%1$s-1
				contains,rack,RK-%1$s-2,host,rel-%1$s-1
				contains,rack,RK-%1$s-1,host,rel-%1$s-2
				contains,rack,RK-%1$s-1,host,nowhere-%1$s
				runs_on,rack,RK-%1$s-1,host,rel-%1$s-2
				contains,rack,RK-%1$s-1,host,rel-%1$s-2
				""".formatted(s);
		String job = jobId(dryRun(null, "relations.csv", file.getBytes(StandardCharsets.UTF_8), "kind", "relations")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.kind").value("RELATIONS"))
			.andExpect(jsonPath("$.report.counts.rows").value(6))
			.andExpect(jsonPath("$.report.counts.invalid").value(6))
			.andExpect(jsonPath("$.report.errors[?(@.row == 2)].code").value("cmdb.relation.cardinality"))
			.andExpect(jsonPath("$.report.errors[?(@.row == 5)].code").value("cmdb.import.ci-not-found"))
			.andExpect(jsonPath("$.report.errors[?(@.row == 6)].code").value("cmdb.relation.not-defined"))
			.andExpect(jsonPath("$.report.duplicates[0].rows").value(contains(4, 7))));
		assertThat(job).isNotNull();
		String ok = """
				type,source_model,source,target_model,target
				contains,rack,RK-%1$s-1,host,rel-%1$s-1
				contains,rack,RK-%1$s-1,host,rel-%1$s-2
				""".formatted(s);
		String applied = jobId(dryRun(null, "ok.csv", ok.getBytes(StandardCharsets.UTF_8), "kind", "relations")
			.andExpect(jsonPath("$.report.counts.create").value(2)));
		apply(applied, "all").andExpect(status().isOk()).andExpect(jsonPath("$.report.applied.created").value(2));
		dryRun(null, "again.csv", ok.getBytes(StandardCharsets.UTF_8), "kind", "relations")
			.andExpect(jsonPath("$.report.counts.unchanged").value(2))
			.andExpect(jsonPath("$.report.counts.create").value(0));
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM cmdb.relation_history h JOIN cmdb.ci c ON c.id = h.target_id
				WHERE c.attributes ->> 'hostname' LIKE ? AND h.source = 'IMPORT'""")
			.param("rel-" + s + "-%")
			.query(Integer.class)
			.single()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.probe.relations())
				.anyMatch((e) -> e.job().toString().equals(applied) && e.created().size() == 2));
	}

}
