global using DoiThoai.Tests.Infrastructure;
global using Microsoft.EntityFrameworkCore;
global using DoiThoai.Web.Infrastructure;
