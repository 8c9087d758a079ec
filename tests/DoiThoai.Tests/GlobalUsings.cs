global using DoiThoai.Tests.Infrastructure;
global using Microsoft.EntityFrameworkCore;
