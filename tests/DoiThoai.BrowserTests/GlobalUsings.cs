global using DoiThoai.BrowserTests.Infrastructure;
